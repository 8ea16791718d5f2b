//! What a feature keeps in memory for the life of the process (the figures of past
//! months, say), made on first use. The application state holds one `Memory`
//! without knowing any feature's types.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct Memory {
    items: Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>,
}

impl Memory {
    /// The one `T` of this process, made with `T::default()` the first time it is asked for.
    pub fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        let item = items.entry(TypeId::of::<T>()).or_insert_with(|| Arc::new(T::default()));
        Arc::clone(item).downcast::<T>().unwrap_or_else(|_| unreachable!("each item is kept under its own type"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter(std::sync::atomic::AtomicU32);

    #[test]
    fn every_copy_finds_the_same_item() {
        let memory = Memory::default();
        memory.get::<Counter>().0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let copy = memory.clone();
        assert_eq!(copy.get::<Counter>().0.load(std::sync::atomic::Ordering::Relaxed), 1);
        assert_eq!(*copy.get::<String>(), "", "another type is another item");
    }
}

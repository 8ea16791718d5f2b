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

/// Keeps the server's resident memory near what it uses (`main` calls this first).
///
/// A sign-in's Argon2id hash takes 19 MiB for a moment. glibc's allocator serves so
/// large a block with mmap and hands it back when freed, but then raises its
/// threshold so that the next ones come from the heap of whichever thread hashed,
/// and stay there: after a burst of sign-ins the process kept ~140 MB. A fixed
/// threshold (4 MiB) returns every such block at once, so the peak is bounded by
/// `MAX_CONCURRENT_PASSWORD_HASHES` x 19 MiB above the pages' own memory, and at
/// most four heaps (arenas) keep the rest from spreading over the blocking threads.
/// `MALLOC_ARENA_MAX` / `MALLOC_MMAP_THRESHOLD_` in the environment win.
pub fn bound_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_MMAP_THRESHOLD: i32 = -3;
        const M_ARENA_MAX: i32 = -8;
        // SAFETY: mallopt only sets glibc's allocator parameters; it is called before
        // the runtime starts any thread.
        unsafe {
            if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
                mallopt(M_MMAP_THRESHOLD, 4 << 20);
            }
            if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
                mallopt(M_ARENA_MAX, 4);
            }
        }
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

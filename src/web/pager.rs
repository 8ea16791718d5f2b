//! "Previous / next" pages for long lists, keeping the filters in the links.

use serde::Deserialize;

use crate::web::url_encode;

/// The `page` query parameter, 1-based.
#[derive(Deserialize, Default, Clone, Copy)]
pub struct PageQuery {
    pub page: Option<u32>,
}

pub struct Pager {
    pub page: u32,
    pub per_page: i64,
    pub has_next: bool,
    /// The list's address with its filters, without `page`.
    base: String,
}

impl Pager {
    /// `filters` are the query parameters to keep, e.g. `[("q", "dowód")]`.
    pub fn new(path: &str, filters: &[(&str, &str)], page: Option<u32>, per_page: i64) -> Pager {
        let query: Vec<String> =
            filters.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
        let base = if query.is_empty() { format!("{path}?") } else { format!("{path}?{}&", query.join("&")) };
        Pager { page: page.unwrap_or(1).clamp(1, 100_000), per_page, has_next: false, base }
    }

    /// Rows to skip in SQL (`offset`).
    pub fn offset(&self) -> i64 {
        (i64::from(self.page) - 1) * self.per_page
    }

    /// Rows to fetch in SQL (`limit`): one more than shown, to know if a next page exists.
    pub fn limit(&self) -> i64 {
        self.per_page + 1
    }

    /// Keeps the rows of this page and notes whether more follow.
    pub fn take<T>(&mut self, mut rows: Vec<T>) -> Vec<T> {
        self.has_next = rows.len() as i64 > self.per_page;
        rows.truncate(self.per_page as usize);
        rows
    }

    pub fn link(&self, page: u32) -> String {
        format!("{}page={page}", self.base)
    }

    pub fn previous(&self) -> Option<String> {
        (self.page > 1).then(|| self.link(self.page - 1))
    }

    pub fn next(&self) -> Option<String> {
        self.has_next.then(|| self.link(self.page + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_filters_and_pages_know_their_neighbours() {
        let mut pager = Pager::new("/procedures", &[("q", "dowód osobisty"), ("empty", "")], Some(2), 2);
        assert_eq!((pager.offset(), pager.limit()), (2, 3));
        let rows = pager.take(vec![1, 2, 3]);
        assert_eq!(rows, vec![1, 2]);
        assert_eq!(pager.previous().as_deref(), Some("/procedures?q=dow%C3%B3d%20osobisty&page=1"));
        assert_eq!(pager.next().as_deref(), Some("/procedures?q=dow%C3%B3d%20osobisty&page=3"));
        let mut last = Pager::new("/directory", &[], None, 10);
        last.take(vec![1]);
        assert_eq!((last.previous(), last.next()), (None, None));
    }
}

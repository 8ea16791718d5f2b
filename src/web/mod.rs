//! The pieces every page stands on: server, sessions, forms, CSRF, error pages.

pub mod client_ip;
pub mod csrf;
pub mod error_page;
pub mod form;
pub mod page;
pub mod pager;
pub mod serve;
pub mod session_store;

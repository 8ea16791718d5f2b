//! Walk-in visits and the queue: registration, the clerk's desk, redirects, the hall display.

pub mod desk;
pub mod display;
pub mod queries;
pub mod redirect;
pub mod register;
pub mod ticket;

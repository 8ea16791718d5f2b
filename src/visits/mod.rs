//! Walk-in visits and the queue: registration and the client's ticket, the
//! self-service ticket stand, the clerk's desk, redirects, the hall display.

pub mod desk;
pub mod display;
pub mod queries;
pub mod redirect;
pub mod register;
pub mod stand;
pub mod ticket;

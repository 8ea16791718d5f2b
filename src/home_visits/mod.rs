//! Home visits (§5.3, Załącznik Nr 1): the request, the BOMiNO decree workflow, the
//! named authorisations and their register.

pub mod dates;
pub mod handlers;
pub mod queries;
pub mod register;
pub mod workflow;

//! Home visits (§5.3, Załącznik Nr 1): the request registered at the information
//! point, taken through the BOMiNO decree workflow (`cases`, whose table
//! `HOME_VISITS` says who takes which step), the named authorisations and their
//! register.
//!
//! `list` is each person's inbox, `request` the request itself (Załącznik Nr 1, its
//! page, the PESEL, the printout), `steps` the steps and their effects, `dates` the
//! scheduling rule, `register` the register of authorisations, `queries` the reads.

pub mod dates;
pub mod list;
pub mod loans;
pub mod queries;
pub mod register;
pub mod request;
pub mod steps;

//! The data protection officer's pages (RODO): a resident's data found, exported
//! and erased on request (Art. 15, 17, `person`), the register of processing
//! activities (Art. 30, `register`) and who read what (`reads`). Only the IOD
//! reaches them (`auth::access::IOD`).

pub mod person;
pub mod reads;
pub mod register;

//! Administration: staff accounts, departments, desks, and the audit log.

pub mod audit_log;
pub mod departments;
pub mod desks;
pub mod staff;

//! Figures for the supervisors' reports (§7.4). Pure computations here, so each
//! figure can be checked by hand on a small fixture.

pub mod presence;
pub mod stats;

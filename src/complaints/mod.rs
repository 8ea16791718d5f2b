//! Complaints (Lubawa Std 20, 22; KPA art. 237): taken by any clerk during a visit
//! or a call, or by the information point, and taken through the shared decree
//! workflow (`cases`, whose table `COMPLAINTS` says who takes which step): the
//! director decrees it to the competent department, its head names who answers, the
//! answer is recorded and closes it.
//!
//! `rules` holds what is pure (the deadline over days off, the e-mail check; lists
//! mask names with `registers::mask_name`), `queries` the reads, `take` the form that takes a
//! complaint (and turns a resident's kiosk comment into one), `case` its page and
//! steps, `list` the inbox, the register and its export.

pub mod case;
pub mod list;
pub mod queries;
pub mod rules;
pub mod take;

//! Cases that travel through the BOMiNO decree workflow (§5.3): one pair of shared
//! tables (the case with its reference, kind, state, version and department; its
//! history of steps; the people named on it), and each kind's workflow declared as
//! data in `workflow`. Inboxes, the home page's count and "stuck" all ask this
//! module; a kind keeps its own details in its own table and gives the effects of
//! its steps in one function (`home_visits::steps::apply` for home visits).
//!
//! How a complaint (Std 20, 22) would declare itself:
//!
//! 1. add `complaint` to the PostgreSQL enum `case_type` (and the states it needs,
//!    say `answered`, to `case_state`, and its steps to `case_step`) in a
//!    migration, and the same variants to `Kind`, `State` and `Step`;
//! 2. give its table in `workflow.rs`, beside `HOME_VISITS`:
//!
//!    ```ignore
//!    pub const COMPLAINTS: Workflow = Workflow {
//!        kind: Kind::Complaint,
//!        transitions: &[
//!            row(State::Registered, Step::Decree, State::Decreed, &[Party::Director]),
//!            row(State::Decreed, Step::Assign, State::Assigned, &[Party::Head]),
//!            row(State::Assigned, Step::Answer, State::Answered, &[Party::Designated]),
//!            row(State::Decreed, Step::SendBack, State::Registered, &[Party::Head]),
//!            row(State::Registered, Step::Cancel, State::Cancelled, &[Party::Director]),
//!            // ...
//!        ],
//!    };
//!    ```
//!
//!    and return it from `Kind::workflow`, with its own exhaustive state × step ×
//!    person test like `HOME_VISITS`'s;
//! 3. open each complaint with `store::open(tx, Kind::Complaint, &reference, ..)`
//!    (a reference of its own series from `store::next_ref`), keep its details in
//!    a `complaint` table keyed by the case's id, and apply its steps' effects in
//!    one function of its own (the answer's text, date and channel).
//!
//! Its inbox, its count on the home page and "stuck" then work with no more code.

pub mod store;
pub mod workflow;

pub use store::{Case, HistoryLine, Move};
pub use workflow::{Facts, Kind, Part, Party, Refusal, State, Step, is_stuck};

pub use store::{decree_to, find, history, listed, name, next_ref, open, stuck_count, take_step, waiting_count};

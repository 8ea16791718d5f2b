//! What the report pages share: the month and the scope asked for, how their
//! figures are written, and the links between the pages.

use serde::Deserialize;

use super::stats::MIN_ANSWERS;
use super::{Month, Scope};
use crate::auth::CurrentUser;
use crate::calendar::local_date;
use crate::config::Config;
use crate::error::{AppError, Result};
use crate::i18n::{Lang, Texts};
use crate::state::AppState;
use crate::web::export::ExportFormat;
use crate::web::page::PageCtx;

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub format: String,
}

pub(super) fn scope(user: &CurrentUser) -> Result<Scope> {
    Scope::of(user).ok_or(AppError::Forbidden)
}

/// Office-wide pages: not for a clerk's own scope.
pub(super) fn wide_scope(user: &CurrentUser) -> Result<Scope> {
    match scope(user)? {
        Scope::Own(_) => Err(AppError::Forbidden),
        s => Ok(s),
    }
}

pub(super) fn this_month(state: &AppState) -> Month {
    Month::of(local_date(state.clock.now(), &state.config.time_zone))
}

/// The month asked for, or this month; never a month in the future.
pub(super) fn month_of(state: &AppState, query: &ReportQuery) -> Month {
    let now = this_month(state);
    Month::parse(&query.month).filter(|m| *m <= now).unwrap_or(now)
}

/// What was typed as the month when it is not one that can be shown (to say so).
pub(super) fn refused_month(state: &AppState, query: &ReportQuery) -> Option<String> {
    let asked = query.month.trim();
    let shown = Month::parse(asked).is_some_and(|m| m <= this_month(state));
    (!asked.is_empty() && !shown).then(|| asked.chars().take(20).collect())
}

/// A download: the reader's office-wide scope, the format asked for, the month.
pub(super) fn export_request(
    state: &AppState,
    user: &CurrentUser,
    query: &ReportQuery,
) -> Result<(Scope, ExportFormat, Month)> {
    let scope = wide_scope(user)?;
    let format = ExportFormat::parse(&query.format).ok_or(AppError::NotFound)?;
    Ok((scope, format, month_of(state, query)))
}

/// 12,5 (Polish) or 12.5 (English), one decimal.
pub fn decimal(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}");
    if lang == Lang::Pl { text.replace('.', ",") } else { text }
}

/// Formats the figures of a page in the reader's language.
pub struct Fmt {
    pub lang: Lang,
    pub t: &'static Texts,
    /// The office's target wait, in minutes: waits past it are marked.
    pub target: f64,
}

impl Fmt {
    pub(super) fn new(ctx: &PageCtx, config: &Config) -> Fmt {
        Fmt { lang: ctx.lang, t: ctx.t, target: config.target_wait.as_secs_f64() / 60.0 }
    }

    /// Whether a wait is past the office's target (and so marked in colour and words).
    pub fn over(&self, wait: &Option<f64>) -> bool {
        wait.is_some_and(|w| w > self.target)
    }

    /// "ponad cel 10 min", said beside a wait past the target.
    pub fn over_words(&self) -> String {
        let target =
            if self.target.fract() == 0.0 { format!("{:.0}", self.target) } else { decimal(self.lang, self.target) };
        self.t.report_over_target.replace("{target}", &target)
    }

    /// "12,5 min", or a dash when there is no figure.
    pub fn minutes(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "–".into(), |v| format!("{} min", decimal(self.lang, v)))
    }

    /// "83 %"
    pub fn share(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "–".into(), |v| format!("{:.0} %", v * 100.0))
    }

    /// "4,3", or "fewer than 5 answers".
    pub fn score(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| self.t.report_too_few.replace("{n}", &MIN_ANSWERS.to_string()), |v| decimal(self.lang, v))
    }

    /// "7 h 30 min"
    pub fn hours(&self, minutes: &i64) -> String {
        format!("{} h {} min", minutes / 60, minutes % 60)
    }
}

/// Links between the report pages, for the reader's scope.
pub struct ReportNav {
    pub month: Month,
    pub wide: bool,
    pub comments: bool,
    pub current: &'static str,
    /// The page's download, without `format=`: e.g. `/reports/trends/export?month=2026-11&`.
    pub export_base: String,
    pub export_title: &'static str,
    /// What was typed as the month, when it could not be shown.
    pub refused_month: Option<String>,
}

impl ReportNav {
    pub(super) fn new(scope: Scope, month: Month, current: &'static str) -> ReportNav {
        let wide = !matches!(scope, Scope::Own(_));
        ReportNav {
            month,
            wide,
            comments: scope.sees_comments(),
            current,
            export_base: String::new(),
            export_title: "",
            refused_month: None,
        }
    }

    /// The month typed, when it was not one to show (the page then says so).
    pub(super) fn asked(self, refused_month: Option<String>) -> ReportNav {
        ReportNav { refused_month, ..self }
    }

    /// The page's CSV and XLSX downloads.
    pub(super) fn exporting(self, path: &str, title: &'static str) -> ReportNav {
        let export_base = format!("{path}?month={}&", self.month.code());
        ReportNav { export_base, export_title: title, ..self }
    }

    pub fn is(&self, page: &str) -> bool {
        self.current == page
    }

    pub fn prev(&self) -> String {
        self.month.prev().code()
    }

    /// The next month, if it is not in the future.
    pub fn next(&self, now: &Month) -> Option<String> {
        (self.month < *now).then(|| self.month.next().code())
    }
}

//! "Rejestr czynności przetwarzania" (RODO Art. 30(1)): one entry per kind of record
//! that holds personal data, made from its declaration (`personal_data::KINDS`), on
//! screen and printed on A4.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::person::text;
use crate::i18n::{Lang, Texts};
use crate::personal_data::{KINDS, OnRequest, RecordKind, Retention, Subject};
use crate::state::AppState;
use crate::web::page::PageCtx;

pub struct Entry {
    pub key: &'static str,
    pub title: &'static str,
    pub table: &'static str,
    pub purpose: &'static str,
    pub subjects: &'static str,
    /// The categories of data, each once; special categories marked.
    pub categories: Vec<String>,
    pub recipients: &'static str,
    pub legal_ground: &'static str,
    pub retention: &'static str,
    pub security: Vec<&'static str>,
    /// What a person's request to erase their data may do.
    pub on_request: &'static str,
}

fn entry(kind: &'static RecordKind, t: &Texts, lang: Lang) -> Entry {
    let mut categories: Vec<String> = Vec::new();
    for c in kind.columns {
        let label = text(&c.category.label(), lang).to_owned();
        if !categories.contains(&label) {
            categories.push(label);
        }
    }
    Entry {
        key: kind.key,
        title: text(&kind.title, lang),
        table: kind.table,
        purpose: text(&kind.purpose, lang),
        subjects: match kind.subject {
            Subject::Employee { .. } => t.iod_subject_employees,
            _ => t.iod_subject_residents,
        },
        categories,
        recipients: text(&kind.recipients, lang),
        legal_ground: text(&kind.legal_ground, lang),
        retention: match &kind.retention {
            Retention::AfterEnd { why, .. } | Retention::Other(why) => text(why, lang),
        },
        security: kind.security.iter().map(|m| text(&m.label(), lang)).collect(),
        on_request: match &kind.on_request {
            OnRequest::Erasable => t.iod_on_request_erasable,
            OnRequest::KeptUnderLaw(why) => text(why, lang),
        },
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "iod/register.html")]
pub struct RegisterPage {
    pub ctx: PageCtx,
    pub controller: String,
    pub dpo: String,
    pub entries: Vec<Entry>,
}

pub async fn show_register(State(state): State<AppState>, ctx: PageCtx) -> RegisterPage {
    let entries = KINDS.iter().map(|k| entry(k, ctx.t, ctx.lang)).collect();
    let config = &state.config;
    RegisterPage { ctx, controller: config.controller(), dpo: config.dpo_contact.clone(), entries }
}

//! A person's data on request (RODO Art. 15, 17): found by PESEL or by name and
//! phone across every kind of record the declarations name (`personal_data::KINDS`),
//! shown as one printable page, exported as JSON, and erased where no law requires
//! keeping it.
//!
//! Nothing here names a table or a column: the search, the export and the erasure
//! are made from the declarations (which columns are personal, which identify the
//! resident, which record a record belongs to, what erasure does to each column,
//! when the matter ended, what the law requires keeping), so a register declared
//! there is searched, exported and erased without a line written here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use sqlx::Row;
use tower_sessions::Session;
use uuid::Uuid;

use crate::audit::{Action, Actor};
use crate::auth::CurrentUser;
use crate::error::Result;
use crate::i18n::{Lang, Texts};
use crate::personal_data::{self as pd, Category, Erase, KINDS, OnRequest, RecordKind, Retention, Stored, Subject};
use crate::pesel::Pesel;
use crate::phone::PhoneNumber;
use crate::state::AppState;
use crate::web::form::{FormData, FormErrors};
use crate::web::page::{Entry, FlashKind, PageCtx, saved, set_flash};

/// Who the IOD is looking for: a PESEL, or a name with a phone number, or both.
#[derive(Clone, Default)]
pub struct Criteria {
    pub pesel: Option<Pesel>,
    pub name: Option<String>,
    pub phone: Option<PhoneNumber>,
}

impl Criteria {
    /// A name as compared: lower case, single spaces.
    fn name_key(&self) -> Option<String> {
        self.name.as_deref().map(normal_name)
    }

    /// A phone as compared: its last nine digits (a Polish number without +48).
    fn phone_key(&self) -> Option<String> {
        self.phone.as_ref().map(|p| phone_key(p.as_str()))
    }
}

fn normal_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn phone_key(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(9)..].iter().collect()
}

/// What the form typed, kept when it comes back with errors.
#[derive(Default)]
pub struct SearchInput {
    pub pesel: String,
    pub name: String,
    pub phone: String,
}

impl SearchInput {
    /// The form's fields, checked: the criteria, or the messages.
    fn parse(form: &FormData, t: &Texts) -> (SearchInput, FormErrors, Option<Criteria>) {
        let mut errors = FormErrors::labelled(&[("pesel", t.hv_pesel), ("name", t.iod_name), ("phone", t.iod_phone)]);
        let input = SearchInput {
            pesel: errors.take("pesel", form.text("pesel", 20, t)),
            name: errors.take("name", form.text("name", 200, t)),
            phone: errors.take("phone", form.text("phone", 25, t)),
        };
        let pesel = errors.pesel("pesel", &input.pesel, t);
        let phone = errors.phone("phone", &input.phone, t);
        match (input.name.is_empty(), input.phone.is_empty()) {
            (false, true) if errors.get("phone").is_none() => errors.add("phone", t.iod_name_needs_phone),
            (true, false) if errors.get("name").is_none() => errors.add("name", t.iod_phone_needs_name),
            (true, true) if input.pesel.is_empty() && errors.is_empty() => errors.add("pesel", t.iod_search_needs),
            _ => {}
        }
        if !errors.is_empty() {
            return (input, errors, None);
        }
        let name = Some(input.name.clone()).filter(|n| !n.is_empty());
        (input, errors, Some(Criteria { pesel, name, phone }))
    }
}

/// Why a record may or may not be erased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Erasable,
    /// The matter is still going on (its `ended_at` is NULL).
    Open,
    /// A law requires keeping it (the declaration says which).
    KeptUnderLaw(pd::Text),
    /// Retention or an earlier erasure did it already.
    Anonymised,
}

impl Verdict {
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Erasable => "erasable",
            Verdict::Open => "open",
            Verdict::KeptUnderLaw(_) => "kept_under_law",
            Verdict::Anonymised => "anonymised",
        }
    }

    pub fn words(&self, t: &Texts, lang: Lang) -> String {
        match self {
            Verdict::Erasable => t.iod_erasable.to_owned(),
            Verdict::Open => t.iod_open_matter.to_owned(),
            Verdict::KeptUnderLaw(why) => crate::i18n::fill(t.iod_kept_under_law, "why", text(why, lang)),
            Verdict::Anonymised => t.iod_already_anonymised.to_owned(),
        }
    }
}

/// A declaration's text in the reader's language.
pub fn text(t: &pd::Text, lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => t.pl,
        Lang::En => t.en,
    }
}

/// One record found: its kind, id, the whole row (as PostgreSQL's `to_jsonb`) and
/// what may be done with it.
pub struct Found {
    pub kind: &'static RecordKind,
    pub id: String,
    pub row: Map<String, Value>,
    pub verdict: Verdict,
}

impl Found {
    /// The declared personal columns with their values as the person reads them
    /// (sealed ones opened), in the declaration's order.
    pub fn personal(&self, state: &AppState) -> Vec<(&'static pd::Column, Option<String>)> {
        self.kind.columns.iter().map(|c| (c, value_of(state, self, c, self.row.get(c.name)))).collect()
    }

    /// When things happened to the record (columns ending `_at`, `_on`, `_day`),
    /// which tell the person what the record is without more personal data.
    pub fn times(&self) -> Vec<(&str, &Value)> {
        let mut times: Vec<(&str, &Value)> = self
            .row
            .iter()
            .filter(|(k, v)| {
                !v.is_null()
                    && self.kind.column(k).is_none()
                    && (k.ends_with("_at") || k.ends_with("_on") || k.ends_with("_day") || k.ends_with("_from"))
            })
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        times.sort_by_key(|(k, _)| *k);
        times
    }
}

/// A column's value for the person: plain text as stored, a sealed one opened, a
/// keyed hash never (it cannot be read back).
fn value_of(state: &AppState, found: &Found, column: &pd::Column, raw: Option<&Value>) -> Option<String> {
    let raw = raw.filter(|v| !v.is_null())?;
    match column.stored {
        Stored::Plain | Stored::LegacyPlain => Some(match raw {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
        Stored::Sealed => {
            let sealed = from_hex(raw.as_str()?)?;
            open_sealed(state, found.kind.table, column.name, &found.id, &sealed)
        }
        Stored::KeyedHash => Some(String::new()),
    }
}

/// A `bytea` as `to_jsonb` gives it (`\\x` and hex digits).
fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.strip_prefix("\\x")?;
    (0..digits.len()).step_by(2).map(|i| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok()).collect()
}

/// A sealed value opened with the office's keys, bound to where it lives (its
/// table, column and row: `crypto::context`). A value that does not open (a key
/// removed from the configuration) shows as absent rather than failing the answer.
fn open_sealed(state: &AppState, table: &str, column: &str, id: &str, sealed: &[u8]) -> Option<String> {
    state.config.keys.open_str(&crate::crypto::context(table, column, id), sealed).ok()
}

/// The PESEL's keyed hash, as the requests keep it to be found by.
fn pesel_lookup(state: &AppState, pesel: &Pesel) -> Vec<u8> {
    state.config.keys.lookup_hash(pesel.reveal())
}

/// Every record of the resident, kind by kind in the declarations' order. A kind
/// that names the resident is searched by its columns; a kind that belongs to
/// another (a redirect to its visit) by the records found of that one.
pub async fn search(state: &AppState, criteria: &Criteria) -> Result<Vec<Found>> {
    let hmac = criteria.pesel.as_ref().map(|p| pesel_lookup(state, p));
    let pesel = criteria.pesel.as_ref().map(|p| p.reveal().to_owned());
    let (name, phone) = (criteria.name_key(), criteria.phone_key());
    let mut found: Vec<Found> = Vec::new();
    for kind in KINDS.iter().filter(|k| k.subject.is_resident()) {
        let (condition, parent_ids) = match finder(kind) {
            Some(Finder::Columns(condition)) => (condition, Vec::new()),
            Some(Finder::Through { parent, link }) => {
                let ids: Vec<String> = found.iter().filter(|f| f.kind.key == parent).map(|f| f.id.clone()).collect();
                let parent = pd::kind(parent).ok_or_else(|| anyhow::anyhow!("{} belongs to no kind", kind.key))?;
                let condition = format!(
                    "exists (select 1 from {} p where ({link}) and p.{}::text = any($5))",
                    parent.table, parent.id_column
                );
                (condition, ids)
            }
            None => return Err(anyhow::anyhow!("{}: no way to find a resident's records", kind.key).into()),
        };
        let ended_at = match kind.retention {
            Retention::AfterEnd { ended_at, .. } => ended_at.to_owned(),
            Retention::Other(_) => "now()".to_owned(),
        };
        // Every statement names $1-$5, whichever of them the kind's condition uses.
        let sql = format!(
            "select t.{id}::text as id, to_jsonb(t) as row, {ended_at} as ended_at
             from {table} t
             where (($1::bytea, $2::text, $3::text, $4::text, $5::text[]) is null or true) and ({condition})
             order by 1",
            id = kind.id_column,
            table = kind.table,
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(hmac.as_deref())
            .bind(pesel.as_deref())
            .bind(name.as_deref())
            .bind(phone.as_deref())
            .bind(&parent_ids)
            .fetch_all(&state.db)
            .await?;
        for row in rows {
            let id: String = row.try_get("id")?;
            let Value::Object(data) = row.try_get::<Value, _>("row")? else { continue };
            let ended: Option<DateTime<Utc>> = row.try_get("ended_at")?;
            let anonymised = data.get("anonymised_at").is_some_and(|v| !v.is_null());
            let verdict = match (anonymised, ended, kind.on_request) {
                (true, _, _) => Verdict::Anonymised,
                (false, None, _) => Verdict::Open,
                (false, Some(_), OnRequest::KeptUnderLaw(why)) => Verdict::KeptUnderLaw(why),
                (false, Some(_), OnRequest::Erasable) => Verdict::Erasable,
            };
            found.push(Found { kind, id, row: data, verdict });
        }
    }
    Ok(found)
}

/// How the records of a resident's kind are found.
#[derive(Debug, PartialEq, Eq)]
pub enum Finder {
    /// An SQL condition over the kind's row `t` and the parameters: $1 the PESEL's
    /// keyed hash, $2 the PESEL, $3 the name, $4 the phone's last nine digits.
    Columns(String),
    /// Through the kind it belongs to, `link` relating `t` to that kind's row `p`.
    Through { parent: &'static str, link: &'static str },
}

/// The finder of a resident's kind, from its declaration: its PESEL columns (the
/// keyed hash, or a PESEL stored plain), or its name and phone columns together.
/// `None` when the declaration gives no way to tell whose record it is.
pub fn finder(kind: &RecordKind) -> Option<Finder> {
    if let Subject::ResidentThrough { kind: parent, link } = kind.subject {
        return Some(Finder::Through { parent, link });
    }
    let of = |category: Category| kind.columns.iter().filter(move |c| c.category == category);
    let mut ways: Vec<String> = Vec::new();
    for c in of(Category::PeselLookup) {
        ways.push(format!("($1::bytea is not null and t.{} = $1::bytea)", c.name));
    }
    for c in of(Category::Pesel).filter(|c| matches!(c.stored, Stored::Plain | Stored::LegacyPlain)) {
        ways.push(format!("($2::text is not null and t.{} = $2::text)", c.name));
    }
    let names: Vec<String> = of(Category::Name)
        .map(|c| format!("lower(regexp_replace(btrim(t.{}), '\\s+', ' ', 'g')) = $3::text", c.name))
        .collect();
    let phones: Vec<String> = of(Category::Phone)
        .map(|c| format!("right(regexp_replace(t.{}, '\\D', '', 'g'), 9) = $4::text", c.name))
        .collect();
    if !names.is_empty() && !phones.is_empty() {
        ways.push(format!(
            "($3::text is not null and $4::text is not null and ({}) and ({}))",
            names.join(" or "),
            phones.join(" or ")
        ));
    }
    (!ways.is_empty()).then(|| Finder::Columns(ways.join(" or ")))
}

/// The records grouped by kind, every resident's kind listed (found or not).
pub struct KindResult {
    pub kind: &'static RecordKind,
    pub records: Vec<Found>,
}

fn by_kind(found: Vec<Found>) -> Vec<KindResult> {
    let mut groups: Vec<KindResult> =
        KINDS.iter().filter(|k| k.subject.is_resident()).map(|kind| KindResult { kind, records: Vec::new() }).collect();
    for f in found {
        if let Some(g) = groups.iter_mut().find(|g| g.kind.key == f.kind.key) {
            g.records.push(f);
        }
    }
    groups
}

/// What the record is, for the audit log: its kind and id.
fn records_detail(found: &[Found]) -> Value {
    let mut map = Map::new();
    for f in found {
        if let Value::Array(ids) = map.entry(f.kind.key).or_insert_with(|| Value::Array(Vec::new())) {
            ids.push(json!(f.id));
        }
    }
    Value::Object(map)
}

fn searched_by(criteria: &Criteria) -> Vec<&'static str> {
    let mut by = Vec::new();
    if criteria.pesel.is_some() {
        by.push("pesel");
    }
    if criteria.name.is_some() {
        by.push("name_phone");
    }
    by
}

// ---- The pages ----------------------------------------------------------------

/// One personal value as the page shows it.
pub struct ShownValue {
    pub label: &'static str,
    pub column: &'static str,
    pub value: String,
    pub empty: bool,
}

pub struct ShownRecord {
    pub id: String,
    pub kind: &'static str,
    pub values: Vec<ShownValue>,
    pub times: Vec<(String, String)>,
    pub verdict: String,
    pub erasable: bool,
}

pub struct ShownKind {
    pub key: &'static str,
    pub title: &'static str,
    pub table: &'static str,
    pub purpose: &'static str,
    pub legal_ground: &'static str,
    pub recipients: &'static str,
    pub retention: &'static str,
    pub records: Vec<ShownRecord>,
}

fn retention_words(kind: &RecordKind, lang: Lang) -> &'static str {
    match &kind.retention {
        Retention::AfterEnd { why, .. } => text(why, lang),
        Retention::Other(why) => text(why, lang),
    }
}

fn show(state: &AppState, ctx: &PageCtx, groups: &[KindResult]) -> Vec<ShownKind> {
    let (t, lang) = (ctx.t, ctx.lang);
    groups
        .iter()
        .map(|g| ShownKind {
            key: g.kind.key,
            title: text(&g.kind.title, lang),
            table: g.kind.table,
            purpose: text(&g.kind.purpose, lang),
            legal_ground: text(&g.kind.legal_ground, lang),
            recipients: text(&g.kind.recipients, lang),
            retention: retention_words(g.kind, lang),
            records: g
                .records
                .iter()
                .map(|f| ShownRecord {
                    id: f.id.clone(),
                    kind: f.kind.key,
                    values: f
                        .personal(state)
                        .into_iter()
                        .map(|(c, v)| {
                            let value = match (c.stored, v) {
                                (Stored::KeyedHash, Some(_)) => t.iod_lookup_value.to_owned(),
                                (_, Some(v)) if !v.is_empty() => v,
                                _ => t.iod_empty_value.to_owned(),
                            };
                            let empty = value == t.iod_empty_value;
                            ShownValue { label: text(&c.category.label(), lang), column: c.name, value, empty }
                        })
                        .collect(),
                    times: f.times().into_iter().map(|(k, v)| (k.to_owned(), when(ctx, v))).collect(),
                    verdict: f.verdict.words(t, lang),
                    erasable: f.verdict == Verdict::Erasable,
                })
                .collect(),
        })
        .collect()
}

/// A time or date from a row, as the office writes it (21.11.2026 14:05).
fn when(ctx: &PageCtx, v: &Value) -> String {
    let raw = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    if let Ok(at) = DateTime::parse_from_rfc3339(&raw) {
        return ctx.datetime(&at.with_timezone(&Utc));
    }
    if let Ok(day) = chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
        return day.format("%d.%m.%Y").to_string();
    }
    raw
}

#[derive(Template, WebTemplate)]
#[template(path = "iod/person.html")]
pub struct PersonPage {
    pub ctx: PageCtx,
    pub input: SearchInput,
    pub errors: FormErrors,
    /// `None` before a search.
    pub kinds: Option<Vec<ShownKind>>,
    pub found: usize,
    pub erasable: usize,
}

impl PersonPage {
    /// What was searched for, as the printed page names the person.
    pub fn searched_for(&self) -> String {
        let mut parts = Vec::new();
        if !self.input.pesel.is_empty() {
            parts.push(format!("PESEL {}", self.input.pesel));
        }
        if !self.input.name.is_empty() {
            parts.push(format!("{}, {}", self.input.name, self.input.phone));
        }
        parts.join("; ")
    }
}

impl PersonPage {
    /// The search form back with what was wrong (422), whichever of the IOD's forms
    /// carried the criteria (search, export, erasure).
    fn refused(ctx: PageCtx, input: SearchInput, errors: FormErrors) -> Response {
        let page = PersonPage { ctx, input, errors, kinds: None, found: 0, erasable: 0 };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    }
}

pub async fn search_form(ctx: PageCtx) -> PersonPage {
    PersonPage { ctx, input: SearchInput::default(), errors: FormErrors::default(), kinds: None, found: 0, erasable: 0 }
}

/// Runs the search the form asks for, audited (the IOD reads PESEL and health data).
async fn searched(
    state: &AppState,
    actor: &Actor,
    form: &FormData,
    t: &Texts,
    action: Action,
) -> Result<(SearchInput, FormErrors, Option<Vec<Found>>)> {
    let (input, errors, criteria) = SearchInput::parse(form, t);
    let Some(criteria) = criteria else { return Ok((input, errors, None)) };
    let found = search(state, &criteria).await?;
    let detail = json!({ "by": searched_by(&criteria), "records": records_detail(&found) });
    actor.record(&state.db, action, None, detail).await?;
    Ok((input, errors, Some(found)))
}

pub async fn find_person(
    State(state): State<AppState>,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let (input, errors, found) = searched(&state, &actor, &form, ctx.t, Action::IodPersonSearched).await?;
    let Some(found) = found else {
        return Ok(PersonPage::refused(ctx, input, errors));
    };
    let count = found.len();
    let erasable = found.iter().filter(|f| f.verdict == Verdict::Erasable).count();
    let kinds = show(&state, &ctx, &by_kind(found));
    Ok(PersonPage { ctx, input, errors, kinds: Some(kinds), found: count, erasable }.into_response())
}

/// The same as the page, as a JSON file: every declared personal column of every
/// record found, what each kind is for, and what erasure may do.
pub async fn export_person(
    State(state): State<AppState>,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let (input, errors, found) = searched(&state, &actor, &form, ctx.t, Action::IodPersonExported).await?;
    let Some(found) = found else {
        return Ok(PersonPage::refused(ctx, input, errors));
    };
    let lang = ctx.lang;
    let kinds: Vec<Value> = by_kind(found)
        .into_iter()
        .map(|g| {
            let records: Vec<Value> = g
                .records
                .iter()
                .map(|f| {
                    let personal: Map<String, Value> = f
                        .personal(&state)
                        .into_iter()
                        .map(|(c, v)| {
                            let v = match (c.stored, v) {
                                (Stored::KeyedHash, Some(_)) => json!("(hmac)"),
                                (_, v) => json!(v),
                            };
                            (c.name.to_owned(), v)
                        })
                        .collect();
                    let times: Map<String, Value> =
                        f.times().into_iter().map(|(k, v)| (k.to_owned(), v.clone())).collect();
                    json!({ "id": f.id, "personal_data": personal, "times": times, "erasure": f.verdict.code() })
                })
                .collect();
            json!({
                "kind": g.kind.key,
                "title": text(&g.kind.title, lang),
                "table": g.kind.table,
                "purpose": text(&g.kind.purpose, lang),
                "legal_ground": text(&g.kind.legal_ground, lang),
                "recipients": text(&g.kind.recipients, lang),
                "retention": retention_words(g.kind, lang),
                "records": records,
            })
        })
        .collect();
    let body = json!({
        "title": ctx.t.iod_print_title,
        "office": ctx.office_name,
        "generated_at": ctx.now.to_rfc3339(),
        "searched_for": { "pesel": input.pesel, "name": input.name, "phone": input.phone },
        "kinds": kinds,
    });
    let mut response = serde_json::to_vec_pretty(&body).map_err(anyhow::Error::from)?.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    let file = format!("attachment; filename=\"dane-osoby-{}.json\"", ctx.today().format("%Y-%m-%d"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&file).map_err(anyhow::Error::from)?);
    Ok(response)
}

// ---- Erasure (Art. 17) --------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "iod/erase.html")]
pub struct ErasePage {
    pub ctx: PageCtx,
    pub input: SearchInput,
    pub kinds: Vec<ShownKind>,
    pub erasable: usize,
    pub reason: String,
    pub errors: FormErrors,
}

impl ErasePage {
    /// The records found, those that may be erased first, with the ground typed.
    fn new(
        state: &AppState,
        ctx: PageCtx,
        input: SearchInput,
        found: Vec<Found>,
        reason: String,
        errors: FormErrors,
    ) -> ErasePage {
        let erasable = found.iter().filter(|f| f.verdict == Verdict::Erasable).count();
        let kinds = show(state, &ctx, &by_kind(found)).into_iter().filter(|k| !k.records.is_empty()).collect();
        ErasePage { ctx, input, kinds, erasable, reason, errors }
    }
}

/// What will be anonymised and what not (and why), with the field for the ground.
pub async fn erase_form(State(state): State<AppState>, actor: Actor, ctx: PageCtx, form: FormData) -> Result<Response> {
    let (input, errors, found) = searched(&state, &actor, &form, ctx.t, Action::IodPersonSearched).await?;
    let Some(found) = found else {
        return Ok(PersonPage::refused(ctx, input, errors));
    };
    Ok(ErasePage::new(&state, ctx, input, found, String::new(), FormErrors::default()).into_response())
}

/// Anonymises the records shown on the form (`record` = kind:id) that may still be
/// erased, each in one statement that checks again that its matter has ended, and
/// records who, when and why (the `erasure` table and the audit log).
pub async fn erase_person(
    State(state): State<AppState>,
    session: Session,
    user: CurrentUser,
    actor: Actor,
    ctx: PageCtx,
    form: FormData,
) -> Result<Response> {
    let t = ctx.t;
    let (input, errors, criteria) = SearchInput::parse(&form, t);
    let Some(criteria) = criteria else {
        return Ok(PersonPage::refused(ctx, input, errors));
    };
    let mut reason_errors =
        FormErrors::labelled(&[("reason", t.iod_erase_reason)]).asking(&[("reason", t.iod_erase_ask_reason)]);
    let reason = reason_errors.take("reason", form.required_between("reason", 3, 1000, t));
    if holds_a_pesel(&reason) {
        reason_errors.add("reason", t.iod_erase_reason_pesel);
    }
    let chosen: Vec<&str> = form.all("record");
    let found = search(&state, &criteria).await?;
    if !reason_errors.is_empty() {
        let page = ErasePage::new(&state, ctx, input, found, reason, reason_errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let to_erase: Vec<&Found> = found
        .iter()
        .filter(|f| f.verdict == Verdict::Erasable && chosen.contains(&format!("{}:{}", f.kind.key, f.id).as_str()))
        .collect();
    let mut tx = state.db.begin().await?;
    let mut erased: Vec<Value> = Vec::new();
    for f in &to_erase {
        if anonymise(&mut tx, f, ctx.now).await? {
            erased.push(json!({ "kind": f.kind.key, "id": f.id }));
        }
    }
    if erased.is_empty() {
        tx.rollback().await?;
        set_flash(&session, FlashKind::Info, t.iod_erase_nothing).await?;
        return Ok(Redirect::to("/iod").into_response());
    }
    let erasure_id: Uuid = sqlx::query_scalar!(
        "insert into erasure (erased_at, erased_by, reason, records) values ($1, $2, $3, $4) returning erasure_id",
        ctx.now,
        user.staff_id,
        reason,
        Value::Array(erased.clone())
    )
    .fetch_one(&mut *tx)
    .await?;
    let detail = json!({ "reason": reason, "by": searched_by(&criteria), "erased": erased });
    let entry = Entry { action: Action::IodPersonErased, target: ("erasure", erasure_id), detail };
    saved(tx, &session, &actor, entry, &ctx.fill(t.iod_erased, "n", erased.len()), "/iod").await
}

/// Whether a text holds a PESEL (eleven digits, spaces allowed between them, with a
/// right check digit and date): the erasure's ground is kept in the audit log and
/// the `erasure` table, which hold no PESEL in clear (RODO Art. 32).
fn holds_a_pesel(text: &str) -> bool {
    let digits: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    digits
        .split(|c| !c.is_ascii_digit())
        .any(|run| run.windows(11).any(|w| Pesel::parse(&w.iter().collect::<String>()).is_ok()))
}

/// Anonymises one record as its declaration says for each column, if its matter
/// has ended (checked again in the statement) and it was not anonymised already.
async fn anonymise(tx: &mut sqlx::PgConnection, f: &Found, now: DateTime<Utc>) -> Result<bool> {
    let kind = f.kind;
    let mut sets: Vec<String> = Vec::new();
    let mut texts: Vec<&'static str> = Vec::new();
    for c in kind.columns {
        match c.erase {
            Erase::Null => sets.push(format!("{} = null", c.name)),
            Erase::Empty => sets.push(format!("{} = ''", c.name)),
            Erase::Replace(with) => {
                texts.push(with);
                sets.push(format!("{} = ${}", c.name, texts.len() + 2));
            }
            Erase::Keep(_) => {}
        }
    }
    let marks = f.row.contains_key("anonymised_at");
    if marks {
        sets.push("anonymised_at = $2".to_owned());
    }
    if sets.is_empty() {
        return Ok(false);
    }
    let ended = match kind.retention {
        Retention::AfterEnd { ended_at, .. } => format!("{ended_at} is not null"),
        Retention::Other(_) => "true".to_owned(),
    };
    let not_yet = if marks { " and t.anonymised_at is null" } else { "" };
    let sql = format!(
        "update {table} t set {sets} where t.{id}::text = $1 and {ended}{not_yet} and $2::timestamptz is not null",
        table = kind.table,
        sets = sets.join(", "),
        id = kind.id_column,
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&f.id).bind(now);
    for text in texts {
        query = query.bind(text);
    }
    let done = query.execute(&mut *tx).await?;
    Ok(done.rows_affected() == 1)
}

/// The home-visit requests that carry this PESEL (by its keyed hash).
pub async fn requests_with_pesel(state: &AppState, pesel: &Pesel) -> Result<Vec<Uuid>> {
    let criteria = Criteria { pesel: Some(pesel.clone()), ..Criteria::default() };
    let found = search(state, &criteria).await?;
    Ok(found.iter().filter(|f| f.kind.key == HOME_VISIT).filter_map(|f| Uuid::parse_str(&f.id).ok()).collect())
}

/// The kind whose ids the audit of PESEL and health-data reads names.
pub const HOME_VISIT: &str = "home_visit";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_residents_kind_can_be_searched_and_belongs_to_a_kind_searched_before_it() {
        let residents: Vec<&RecordKind> = KINDS.iter().filter(|k| k.subject.is_resident()).collect();
        assert!(residents.len() >= 4);
        for (i, kind) in residents.iter().enumerate() {
            match finder(kind) {
                Some(Finder::Columns(sql)) => assert!(sql.contains("t."), "{}", kind.key),
                Some(Finder::Through { parent, link }) => {
                    assert!(
                        residents[..i].iter().any(|k| k.key == parent),
                        "{} belongs to {parent}, which must be a resident's kind declared before it",
                        kind.key
                    );
                    assert!(link.contains("t.") && link.contains("p."), "{}", kind.key);
                }
                None => panic!(
                    "{}: no column names the resident (name and phone, PESEL) and it belongs to no kind",
                    kind.key
                ),
            }
        }
    }

    #[test]
    fn a_pesel_is_found_in_a_text_however_spaced() {
        assert!(holds_a_pesel("Żądanie pani H.W., PESEL 44051401458, z 20.11.2026"));
        assert!(holds_a_pesel("pesel: 440 514 014 58"));
        assert!(!holds_a_pesel("Żądanie z 20.11.2026, art. 17 ust. 1 lit. b RODO"));
        assert!(!holds_a_pesel("sygn. 12345678901"), "eleven digits that are no PESEL");
    }

    #[test]
    fn names_and_phones_are_compared_as_people_write_them() {
        assert_eq!(normal_name("  Helena   WIŚNIEWSKA "), "helena wiśniewska");
        assert_eq!(phone_key("+48 600-200-300"), "600200300");
        assert_eq!(phone_key("44 732 18 31"), "447321831");
        assert_eq!(phone_key("12"), "12");
    }
}

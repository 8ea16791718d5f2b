//! The staff directory (§4.8) and who is available now: at a desk, away until
//! when (§4.11), or absent for the day.

pub mod away;
pub mod handlers;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;
use uuid::Uuid;

use crate::i18n::Texts;

/// Where an employee is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Presence {
    Absent { kind: String },
    Away { back_at: DateTime<Utc>, substitute: Option<String>, late: bool },
    AtDesk { desk: String },
    NotAtDesk,
}

pub struct Colleague {
    pub staff_id: Uuid,
    pub full_name: String,
    pub phone: String,
    pub department_name: Option<String>,
    pub desk: Option<String>,
    pub floor: Option<i16>,
    pub room: Option<String>,
    pub competences: Vec<String>,
    /// Competent for the case kind asked about (when one was).
    pub competent: bool,
    pub presence: Presence,
}

impl Colleague {
    /// The phone for a `tel:` link.
    pub fn tel(&self) -> String {
        self.phone.replace(' ', "")
    }

    pub fn available(&self) -> bool {
        matches!(self.presence, Presence::AtDesk { .. })
    }
}

/// An absence as colleagues see it (the directory, the redirect list): the kind,
/// except sick leave, which is health data (RODO Art. 9) that only supervisors and
/// the director need (the absences page); colleagues only learn the person is away.
pub fn absence_for_colleagues(t: &Texts, kind: &str) -> Option<&'static str> {
    (kind != "sick").then(|| absence_label(t, kind))
}

pub fn absence_label(t: &Texts, kind: &str) -> &'static str {
    match kind {
        "leave" => t.absence_leave,
        "training" => t.absence_training,
        "sick" => t.absence_sick,
        "business_trip" => t.absence_business_trip,
        _ => t.absence_other,
    }
}

/// Who to list, and in what order.
pub struct Filter<'a> {
    pub words: &'a [String],
    pub case_kind_id: Option<Uuid>,
    pub department_id: Option<Uuid>,
    pub exclude: Option<Uuid>,
    pub limit: i64,
    pub offset: i64,
}

/// Active staff with their presence today; competent and available first when a
/// case kind is given, then by name. One query whatever the number of staff.
/// The colleagues matching `filter`, with where each is at `now`.
pub async fn colleagues(db: &PgPool, filter: &Filter<'_>, now: DateTime<Utc>, tz: &Tz) -> sqlx::Result<Vec<Colleague>> {
    let today = crate::calendar::local_date(now, tz);
    let rows = sqlx::query!(
        r#"select s.staff_id, s.full_name, s.phone, d.name as "department_name?",
                  ds.number as "desk?", ds.floor as "floor?", ds.room as "room?",
                  an.back_at as "back_at?", sub.full_name as "substitute?",
                  ab.kind as "absence?",
                  array(select k.name from staff_competence c join case_kind k using (case_kind_id)
                        where c.staff_id = s.staff_id order by k.name) as "competences!",
                  exists(select 1 from staff_competence c where c.staff_id = s.staff_id and c.case_kind_id = $2)
                      as "competent!"
           from staff s
           left join department d using (department_id)
           left join lateral (select k.number, k.floor, k.room from desk_session x join desk k using (desk_id)
                              where x.staff_id = s.staff_id and x.ended_at is null limit 1) ds on true
           left join away_notice an on an.staff_id = s.staff_id and an.ended_at is null
           left join staff sub on sub.staff_id = an.substitute_staff_id
           left join lateral (select a.kind from absence a where a.staff_id = s.staff_id
                              and $4::date between a.first_day and a.last_day limit 1) ab on true
           where s.active
             and ($3::uuid is null or s.department_id = $3
                  or exists(select 1 from staff_competence c where c.staff_id = s.staff_id and c.case_kind_id = $2))
             and ($5::uuid is null or s.staff_id <> $5)
             and not exists (
                 select 1 from unnest($1::text[]) w
                 where translate(lower(s.full_name || ' ' || coalesce(d.name, '') || ' ' || s.phone || ' ' ||
                           coalesce(ds.number, '') || ' ' ||
                           coalesce((select string_agg(k.name || ' ' || k.keywords, ' ') from staff_competence c
                                     join case_kind k using (case_kind_id) where c.staff_id = s.staff_id), '')),
                           'ąćęłńóśźż', 'acelnoszz') not like '%' || w || '%')
           order by (ab.kind is null and an.back_at is null and ds.number is not null) desc,
                    exists(select 1 from staff_competence c where c.staff_id = s.staff_id and c.case_kind_id = $2) desc,
                    s.full_name
           limit $6 offset $7"#,
        filter.words,
        filter.case_kind_id,
        filter.department_id,
        today,
        filter.exclude,
        filter.limit,
        filter.offset,
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let presence = match (r.absence, r.back_at, &r.desk) {
                (Some(kind), _, _) => Presence::Absent { kind },
                (None, Some(back_at), _) => Presence::Away { back_at, substitute: r.substitute, late: back_at < now },
                (None, None, Some(desk)) => Presence::AtDesk { desk: desk.clone() },
                _ => Presence::NotAtDesk,
            };
            Colleague {
                staff_id: r.staff_id,
                full_name: r.full_name,
                phone: r.phone,
                department_name: r.department_name,
                desk: r.desk,
                floor: r.floor,
                room: r.room,
                competences: r.competences,
                competent: r.competent,
                presence,
            }
        })
        .collect())
}

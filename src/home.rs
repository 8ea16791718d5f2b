//! The home page: what the signed-in employee can do today. A card is shown for
//! each page the route table lets them open (`PageCtx::may_open`), with its count.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use crate::auth::CurrentUser;
use crate::error::Result;
use crate::i18n::Text;
use crate::state::AppState;
use crate::web::page::PageCtx;

pub struct Card {
    pub href: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    pub count: Option<String>,
}

pub struct RoleView {
    pub label: &'static str,
    pub duty: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "home/index.html")]
pub struct HomePage {
    pub ctx: PageCtx,
    pub greeting: String,
    pub roles: Vec<RoleView>,
    pub cards: Vec<Card>,
}

/// The cards in their order: (page, title, text).
const CARDS: &[(&str, Text, Text)] = &[
    ("/desk", |t| t.desk_title, |t| t.home_desk_card),
    ("/visits/new", |t| t.visit_register, |t| t.home_register_card),
    ("/callbacks", |t| t.callbacks_title, |t| t.home_callbacks_card),
    ("/callbacks/overdue", |t| t.callbacks_overdue_title, |t| t.home_overdue_card),
    ("/absences", |t| t.absences_title, |t| t.home_absences_card),
    ("/home-visits", |t| t.hv_title, |t| t.home_home_visits_card),
    ("/complaints", |t| t.cmp_title, |t| t.cmp_home_card),
    ("/directory", |t| t.directory_title, |t| t.home_directory_card),
    ("/procedures", |t| t.procedures_title, |t| t.home_procedures_card),
    ("/gifts/new", |t| t.gift_new, |t| t.home_gifts_card),
    ("/office-errors", |t| t.oe_title, |t| t.home_errors_card),
    ("/suggestions", |t| t.sg_title, |t| t.home_suggestions_card),
    ("/regulation", |t| t.regulation_title, |t| t.home_regulation_card),
    ("/trainings", |t| t.trainings_title, |t| t.home_trainings_card),
    ("/admin/staff", |t| t.nav_staff, |t| t.home_staff_card),
    ("/admin/departments", |t| t.nav_departments, |t| t.home_departments_card),
    ("/admin/desks", |t| t.nav_desks, |t| t.home_desks_card),
    ("/admin/audit", |t| t.nav_audit, |t| t.home_audit_card),
    ("/admin/closed-days", |t| t.closed_days_title, |t| t.home_closed_days_card),
    ("/iod", |t| t.nav_iod, |t| t.home_iod_card),
    ("/account/password", |t| t.nav_password, |t| t.home_password_card),
    ("/account/second-factor", |t| t.sf_title, |t| t.home_second_factor_card),
    ("/account/sessions", |t| t.nav_sessions, |t| t.home_sessions_card),
];

pub async fn show_home(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<HomePage> {
    let t = ctx.t;
    let today = ctx.today();
    let counts = sqlx::query!(
        r#"select (select count(*) from callback where staff_id = $1 and status = 'open') as "mine!",
                  (select count(*) from callback where staff_id = $1 and status = 'open' and due_on < $2) as "mine_overdue!",
                  (select count(*) from callback where status = 'open' and due_on < $2) as "overdue!",
                  (select count(*) from away_notice where ended_at is null and back_at < $4) as "late!",
                  (select count(*) from visit where status = 'waiting' and ticket_day = $2
                     and (assigned_staff_id = $1 or (assigned_staff_id is null and department_id = $3))) as "waiting!""#,
        user.staff_id,
        today,
        user.department_id,
        ctx.now
    )
    .fetch_one(&state.db)
    .await?;
    let admin_counts = if ctx.may_open("/admin/staff") {
        let counts = sqlx::query!(
            r#"select (select count(*) from staff where active) as "staff!",
                      (select count(*) from audit_event where occurred_at >= $1) as "events!""#,
            crate::calendar::start_of_day(today, &ctx.tz)
        )
        .fetch_one(&state.db)
        .await?;
        Some((counts.staff, counts.events))
    } else {
        None
    };
    let mut cards = Vec::new();
    for &(href, title, text) in CARDS {
        if !ctx.may_open(href) {
            continue;
        }
        let count = match href {
            "/desk" => Some(ctx.fill(t.desk_waiting, "count", counts.waiting)),
            "/callbacks" => {
                Some(ctx.fill(&ctx.fill(t.home_callbacks_count, "count", counts.mine), "overdue", counts.mine_overdue))
            }
            "/callbacks/overdue" => Some(ctx.fill(t.home_overdue_count, "count", counts.overdue)),
            "/absences" => Some(ctx.fill(t.home_late_count, "count", counts.late)),
            "/home-visits" => {
                let waiting = crate::cases::waiting_count(&state.db, &user, crate::cases::Kind::HomeVisit).await?;
                Some(ctx.fill(t.home_home_visits_count, "count", waiting))
            }
            "/complaints" => {
                let (waiting, overdue) =
                    crate::complaints::queries::waiting_for(&state.db, &user, ctx.now, today).await?;
                Some(ctx.fill(&ctx.fill(t.cmp_home_count, "count", waiting), "overdue", overdue))
            }
            "/office-errors" => {
                let open = crate::registers::errors::open_count(&state.db, &user).await?;
                Some(ctx.fill(t.home_errors_count, "count", open))
            }
            "/admin/staff" => admin_counts.map(|(staff, _)| ctx.fill(t.home_accounts_count, "count", staff)),
            "/admin/audit" => admin_counts.map(|(_, events)| ctx.fill(t.home_events_today, "count", events)),
            _ => None,
        };
        cards.push(Card { href, title: title(t), text: text(t), count });
    }
    Ok(HomePage {
        greeting: ctx.fill(t.home_greeting, "name", &user.full_name),
        roles: user.roles.iter().map(|r| RoleView { label: r.label(t), duty: r.duty(t) }).collect(),
        cards,
        ctx,
    })
}

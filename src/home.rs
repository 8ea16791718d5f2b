//! The home page: what the signed-in employee can do today, by role.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use crate::auth::{CurrentUser, Role};
use crate::error::Result;
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

pub async fn show_home(State(state): State<AppState>, user: CurrentUser, ctx: PageCtx) -> Result<HomePage> {
    let t = ctx.t;
    let today = crate::calendar::local_date(chrono::Utc::now(), &ctx.tz);
    let counts = sqlx::query!(
        r#"select (select count(*) from callback where staff_id = $1 and status = 'open') as "mine!",
                  (select count(*) from callback where staff_id = $1 and status = 'open' and due_on < $2) as "mine_overdue!",
                  (select count(*) from callback where status = 'open' and due_on < $2) as "overdue!",
                  (select count(*) from away_notice where ended_at is null and back_at < now()) as "late!",
                  (select count(*) from visit where status = 'waiting' and ticket_day = $2
                     and (assigned_staff_id = $1 or (assigned_staff_id is null and department_id = $3))) as "waiting!""#,
        user.staff_id,
        today,
        user.department_id
    )
    .fetch_one(&state.db)
    .await?;
    let front = user.has(Role::Clerk) || user.has(Role::InfoPoint);
    let supervises = user.has(Role::Supervisor) || user.has(Role::Director);
    let mut cards = Vec::new();
    if user.has(Role::Clerk) {
        let count = Some(ctx.fill(t.desk_waiting, "count", counts.waiting));
        cards.push(Card { href: "/desk", title: t.desk_title, text: t.home_desk_card, count });
    }
    if front {
        cards.push(Card { href: "/visits/new", title: t.visit_register, text: t.home_register_card, count: None });
        let count =
            Some(ctx.fill(&ctx.fill(t.home_callbacks_count, "count", counts.mine), "overdue", counts.mine_overdue));
        cards.push(Card { href: "/callbacks", title: t.callbacks_title, text: t.home_callbacks_card, count });
    }
    if supervises {
        let count = Some(ctx.fill(t.home_overdue_count, "count", counts.overdue));
        cards.push(Card {
            href: "/callbacks/overdue",
            title: t.callbacks_overdue_title,
            text: t.home_overdue_card,
            count,
        });
        let count = Some(ctx.fill(t.home_late_count, "count", counts.late));
        cards.push(Card { href: "/absences", title: t.absences_title, text: t.home_absences_card, count });
    }
    let home_visits = crate::home_visits::handlers::waiting_count(&state.db, &user).await?;
    if home_visits > 0
        || user.has(Role::InfoPoint)
        || user.has(Role::Director)
        || user.has(Role::Secretary)
        || user.has(Role::DepartmentHead)
    {
        let count = Some(ctx.fill(t.home_home_visits_count, "count", home_visits));
        cards.push(Card { href: "/home-visits", title: t.hv_title, text: t.home_home_visits_card, count });
    }
    cards.push(Card { href: "/directory", title: t.directory_title, text: t.home_directory_card, count: None });
    cards.push(Card { href: "/procedures", title: t.procedures_title, text: t.home_procedures_card, count: None });
    if user.has(Role::Admin) {
        let admin_counts = sqlx::query!(
            r#"select (select count(*) from staff where active) as "staff!",
                      (select count(*) from audit_event
                        where occurred_at >= date_trunc('day', now() at time zone $1) at time zone $1) as "events!""#,
            ctx.tz.name()
        )
        .fetch_one(&state.db)
        .await?;
        cards.push(Card {
            href: "/admin/staff",
            title: t.nav_staff,
            text: t.home_staff_card,
            count: Some(ctx.fill(t.home_accounts_count, "count", admin_counts.staff)),
        });
        cards.push(Card {
            href: "/admin/departments",
            title: t.nav_departments,
            text: t.home_departments_card,
            count: None,
        });
        cards.push(Card { href: "/admin/desks", title: t.nav_desks, text: t.home_desks_card, count: None });
        cards.push(Card {
            href: "/admin/audit",
            title: t.nav_audit,
            text: t.home_audit_card,
            count: Some(ctx.fill(t.home_events_today, "count", admin_counts.events)),
        });
    }
    if user.has(Role::Admin) || user.has(Role::Director) {
        cards.push(Card {
            href: "/admin/closed-days",
            title: t.closed_days_title,
            text: t.home_closed_days_card,
            count: None,
        });
    }
    cards.push(Card { href: "/account/password", title: t.nav_password, text: t.home_password_card, count: None });
    Ok(HomePage {
        greeting: ctx.fill(t.home_greeting, "name", &user.full_name),
        roles: user.roles.iter().map(|r| RoleView { label: r.label(t), duty: r.duty(t) }).collect(),
        cards,
        ctx,
    })
}

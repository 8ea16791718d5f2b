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
    let mut cards = Vec::new();
    if user.has(Role::Admin) {
        let counts = sqlx::query!(
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
            count: Some(ctx.fill(t.home_accounts_count, "count", &counts.staff)),
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
            count: Some(ctx.fill(t.home_events_today, "count", &counts.events)),
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

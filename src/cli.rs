//! The `okienko` command: serve, migrate, create-admin, demo-data, rotate-keys, retention.

use std::io::{BufRead, IsTerminal};
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::auth::Role;
use crate::auth::password;
use crate::auth::session_store::PgSessionStore;
use crate::clock::Clock;
use crate::config::Config;
use crate::state::AppState;
use crate::web::serve::{serve, shutdown_signal};
use crate::{db, demo, i18n, personal_data, telemetry};

#[derive(Parser)]
#[command(name = "okienko", version, about = "Okienko: the citizens' front desk of a city office")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Apply migrations and serve on BIND_ADDR
    Serve,
    /// Apply the database migrations and exit
    Migrate,
    /// Create an administrator account (the first one of a real install)
    CreateAdmin {
        /// Login, e.g. jan.kowalski
        #[arg(long)]
        login: String,
        /// Full name, e.g. "Jan Kowalski"
        #[arg(long)]
        name: String,
        /// Read the password from the first line of standard input instead of asking
        #[arg(long)]
        password_stdin: bool,
    },
    /// Load the demo office (departments, desks, one account per role) into an
    /// empty database or one that holds the demo already
    DemoData {
        /// Load it even into a database that holds a real office: adds accounts
        /// whose password is public (the README's). Never on a production database
        #[arg(long)]
        add_demo_accounts_to_a_real_database: bool,
    },
    /// Seal every PESEL, health reason and second-factor secret again with the
    /// current key (OKIENKO_DATA_KEY_CURRENT), and compute the PESEL lookup hashes
    /// again with OKIENKO_LOOKUP_KEY; then the old key can be removed
    RotateKeys,
    /// Anonymise the personal data kept past its retention period (the daily job of
    /// `serve` does it too)
    Retention {
        /// Only count, per kind of record, what would be anonymised; change nothing
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    telemetry::init(&config);
    let db = db::pool(&config)?;
    db::migrate_for(&config, &db).await.map_err(|e| anyhow::anyhow!("cannot prepare the database: {e}"))?;
    // What an earlier version (or the demo's SQL) left in plain text is sealed now.
    personal_data::sealing::seal_leftovers(&db, &config.keys).await?;
    match cli.command {
        Command::RotateKeys => {
            let done = personal_data::sealing::rotate(&db, &config.keys).await?;
            personal_data::retention::system("okienko rotate-keys")
                .record(
                    &db,
                    crate::audit::Action::DataKeysRotated,
                    None,
                    serde_json::json!({ "key": config.keys.current_id(), "resealed": done.resealed,
                                        "already_current": done.current, "rehashed": done.rehashed }),
                )
                .await?;
            println!(
                "Sealed again with the key {}: {} values ({} already were); {} PESEL lookup hashes computed again.",
                config.keys.current_id(),
                done.resealed,
                done.current,
                done.rehashed
            );
            println!("No value needs the other keys now: they may be removed from OKIENKO_DATA_KEYS.");
            Ok(())
        }
        Command::Retention { dry_run } => {
            let now = Clock::default().now();
            let counts = if dry_run {
                personal_data::retention::dry_run(&db, &config, now).await?
            } else {
                personal_data::retention::run(&db, &config, now, "okienko retention").await?
            };
            println!("{:<20} {:>8} {:>10}", "kind", "days", if dry_run { "would" } else { "anonymised" });
            for c in &counts {
                println!("{:<20} {:>8} {:>10}", c.kind, c.days, c.records);
            }
            if dry_run {
                println!("Dry run: nothing was changed.");
            }
            Ok(())
        }
        Command::Migrate => {
            println!("Migrations applied.");
            Ok(())
        }
        Command::DemoData { add_demo_accounts_to_a_real_database: force } => {
            match demo::contents(&db).await? {
                demo::Contents::Empty | demo::Contents::Demo => demo::mark_as_demo(&db).await?,
                demo::Contents::Real(why) if !force => anyhow::bail!(
                    "refusing to load the demo office: this database holds a real office ({why}), and the demo \
                     adds accounts whose password is public. To do it all the same, pass \
                     --add-demo-accounts-to-a-real-database"
                ),
                demo::Contents::Real(_) => {
                    eprintln!("Adding the demo office and its accounts (public password) to a real database.")
                }
            }
            demo::load(&db, Clock::default().now()).await?;
            personal_data::sealing::seal_leftovers(&db, &config.keys).await?;
            println!("Demo office loaded. Demo accounts (password: {}):", demo::DEMO_PASSWORD);
            for (login, role) in demo::role_accounts() {
                println!("  {login:<16} {}", Role::parse(role).map(|r| r.label(&i18n::EN)).unwrap_or(role));
            }
            Ok(())
        }
        Command::CreateAdmin { login, name, password_stdin } => create_admin(&db, &login, &name, password_stdin).await,
        Command::Serve => serve_app(config, db).await,
    }
}

async fn serve_app(config: Config, db: sqlx::PgPool) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.bind_addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on BIND_ADDR {}: {e}", config.bind_addr))?;
    let state = AppState::new(db.clone(), config);
    tokio::spawn(housekeeping(db.clone(), state.clock.clone()));
    tokio::spawn(personal_data::retention::daily(db, state.config.clone(), state.clock.clone()));
    println!("Okienko is listening on {} (PUBLIC_URL {})", state.config.bind_addr, state.config.public_url);
    println!("Open {}/login in a browser. Ctrl-C stops the server.", state.config.public_url);
    let limits = crate::web::serve::Limits::of(&state.config);
    let closing = state.closing.clone();
    let shutdown = async move {
        shutdown_signal().await;
        closing.send_replace(true);
    };
    serve(listener, crate::app(state), limits, shutdown).await;
    Ok(())
}

/// Removes expired sessions and old throttling records every ten minutes.
async fn housekeeping(db: sqlx::PgPool, clock: Clock) {
    let store = PgSessionStore::new(db.clone());
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(e) = store.delete_expired().await {
            tracing::warn!(error = %e, "could not remove expired sessions");
        }
        if let Err(e) = crate::auth::throttle::forget_old(&db, clock.now()).await {
            tracing::warn!(error = %e, "could not forget old sign-in failures");
        }
    }
}

async fn create_admin(db: &sqlx::PgPool, login: &str, name: &str, from_stdin: bool) -> anyhow::Result<()> {
    let login = login.trim().to_lowercase();
    anyhow::ensure!(crate::admin::staff::valid_login(&login), "{}", i18n::EN.staff_login_invalid);
    let name = name.trim();
    anyhow::ensure!((2..=200).contains(&name.chars().count()), "the name must have 2 to 200 characters");
    let password = if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Repeat the password: ")?;
        anyhow::ensure!(first == second, "{}", i18n::EN.password_mismatch);
        first
    };
    password::check_new_password(&password, &login, name, &i18n::EN).map_err(|m| anyhow::anyhow!("{m}"))?;
    let hash = tokio::task::spawn_blocking(move || password::hash_blocking(&password)).await??;
    let mut tx = db.begin().await?;
    let staff_id = sqlx::query_scalar!(
        "insert into staff (login, full_name, password_hash) values ($1, $2, $3)
         on conflict (login) do nothing returning staff_id",
        login,
        name,
        hash
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| anyhow::anyhow!("the login {login} is already taken"))?;
    sqlx::query!("insert into staff_role (staff_id, role) values ($1, 'admin')", staff_id).execute(&mut *tx).await?;
    sqlx::query!(
        "insert into audit_event (actor_login, action, target_type, target_id, detail)
         values ('cli', 'staff.created', 'staff', $1, $2)",
        staff_id.to_string(),
        serde_json::json!({ "login": login, "roles": ["admin"], "via": "okienko create-admin" })
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    println!("Administrator {login} created. Sign in at /login.");
    Ok(())
}

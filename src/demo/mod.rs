//! Demo data: a small, believable office. Loaded only by `make run` and
//! `okienko demo-data`; loading it again changes nothing.

use sqlx::PgPool;

use crate::auth::second_factor::{DEFAULT_REQUIRED_ROLES, Secret, required_for};
use crate::auth::{Role, password};

pub const DEMO_PASSWORD: &str = "okienko-demo-2026";

/// The one authenticator secret of every demo account that needs a second factor
/// (`auth::second_factor::DEFAULT_REQUIRED_ROLES`): public like the demo password,
/// so anyone can try the demo with an authenticator app ("jawny sekret demo").
pub const DEMO_TOTP_SECRET: &str = "OKIENKODEMO2TOTPJAWNYSEKRETDEMOZ";

/// (symbol, name)
const DEPARTMENTS: &[(&str, &str)] = &[
    ("BOM", "Biuro Obsługi Mieszkańców i Nadzoru Organizacyjnego"),
    ("USC", "Urząd Stanu Cywilnego"),
    ("FP", "Wydział Podatków i Opłat"),
    ("KM", "Wydział Komunikacji"),
    ("SO", "Wydział Spraw Obywatelskich"),
    ("GK", "Wydział Gospodarki Komunalnej"),
];

/// (number, floor, room, department symbol)
const DESKS: &[(&str, i16, &str, &str)] = &[
    ("1", 0, "hol", "BOM"),
    ("2", 0, "hol", "BOM"),
    ("3", 0, "12", "KM"),
    ("4", 0, "12", "KM"),
    ("5", 0, "14", "SO"),
    ("6", 1, "105", "USC"),
    ("7", 1, "105", "USC"),
    ("8", 1, "110", "FP"),
    ("9", 1, "110", "FP"),
    ("10", 2, "204", "GK"),
];

/// (login, full name, department symbol, phone, roles)
const STAFF: &[(&str, &str, &str, &str, &[Role])] = &[
    ("clerk", "Katarzyna Nowak", "KM", "44 732 18 31", &[Role::Clerk]),
    ("info_point", "Tomasz Wiśniewski", "BOM", "44 732 18 01", &[Role::InfoPoint]),
    ("director", "Elżbieta Kamińska", "BOM", "44 732 18 00", &[Role::Director]),
    ("department_head", "Marek Lewandowski", "FP", "44 732 18 80", &[Role::DepartmentHead]),
    ("secretary", "Joanna Zielińska", "", "44 732 17 00", &[Role::Secretary]),
    ("supervisor", "Andrzej Szymański", "BOM", "44 732 18 02", &[Role::Supervisor]),
    ("admin", "Paweł Dąbrowski", "", "44 732 19 99", &[Role::Admin]),
    ("iod", "Ewa Sikorska", "", "44 732 19 50", &[Role::Iod]),
    ("anna.kowalczyk", "Anna Kowalczyk", "USC", "44 732 18 61", &[Role::Clerk]),
    ("michal.wojcik", "Michał Wójcik", "FP", "44 732 18 81", &[Role::Clerk]),
    ("magdalena.kozlowska", "Magdalena Kozłowska", "KM", "44 732 18 32", &[Role::Clerk]),
    ("agnieszka.mazur", "Agnieszka Mazur", "SO", "44 732 18 51", &[Role::Clerk]),
    ("piotr.jankowski", "Piotr Jankowski", "USC", "44 732 18 60", &[Role::DepartmentHead]),
    ("krzysztof.krawczyk", "Krzysztof Krawczyk", "KM", "44 732 18 30", &[Role::DepartmentHead, Role::Clerk]),
    ("barbara.pawlowska", "Barbara Pawłowska", "BOM", "44 732 18 03", &[Role::InfoPoint, Role::Clerk]),
];

/// Positions as written on documents (an authorisation names the employee's).
const JOB_TITLES: &[(&str, &str)] = &[
    ("clerk", "Inspektor"),
    ("info_point", "Podinspektor"),
    ("director", "Dyrektor Biura Obsługi Mieszkańców i Nadzoru Organizacyjnego"),
    ("department_head", "Naczelnik Wydziału Podatków i Opłat"),
    ("secretary", "Sekretarz Miasta"),
    ("supervisor", "Kierownik Referatu Obsługi Mieszkańców"),
    ("iod", "Inspektor Ochrony Danych"),
    ("anna.kowalczyk", "Inspektor"),
    ("michal.wojcik", "Podinspektor"),
    ("magdalena.kozlowska", "Starszy inspektor"),
    ("agnieszka.mazur", "Referent"),
    ("piotr.jankowski", "Kierownik Urzędu Stanu Cywilnego"),
    ("krzysztof.krawczyk", "Naczelnik Wydziału Komunikacji"),
    ("barbara.pawlowska", "Starszy referent"),
];

/// The logins of the one-account-per-role demo staff, with their roles.
pub fn role_accounts() -> impl Iterator<Item = (&'static str, &'static str)> {
    Role::ALL.into_iter().map(|r| (r.as_str(), r.as_str()))
}

/// What a database holds, as far as `okienko demo-data` is concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum Contents {
    /// Nothing yet: the demo may be loaded (and the database becomes a demo).
    Empty,
    /// The demo office, loaded before: loading it again is safe.
    Demo,
    /// A real office: why we think so, for the refusal.
    Real(String),
}

/// Tells a demo or empty database from a real one. A database is a demo when
/// `okienko demo-data` marked it (`demo_install`), or, for demos loaded before
/// the mark existed, when every account is a demo account and none was ever
/// created through `create-admin` or the admin pages (both audit `staff.created`;
/// the demo never does).
pub async fn contents(db: &PgPool) -> anyhow::Result<Contents> {
    if sqlx::query_scalar!(r#"select exists (select 1 from demo_install) as "marked!""#).fetch_one(db).await? {
        return Ok(Contents::Demo);
    }
    let demo_logins: Vec<String> = STAFF.iter().map(|s| s.0.to_owned()).collect();
    let others =
        sqlx::query_scalar!("select login from staff where login <> all($1) order by login limit 4", &demo_logins)
            .fetch_all(db)
            .await?;
    if !others.is_empty() {
        return Ok(Contents::Real(format!("it has accounts that are not demo accounts ({})", others.join(", "))));
    }
    let created = sqlx::query_scalar!(r#"select count(*) as "n!" from audit_event where action = 'staff.created'"#)
        .fetch_one(db)
        .await?;
    if created > 0 {
        return Ok(Contents::Real(format!("{created} account(s) were created with create-admin or the admin pages")));
    }
    let empty = sqlx::query_scalar!(
        r#"select not exists (select 1 from staff) and not exists (select 1 from department) as "empty!""#
    )
    .fetch_one(db)
    .await?;
    Ok(if empty { Contents::Empty } else { Contents::Demo })
}

/// Marks the database as a demo (see [`contents`]).
pub async fn mark_as_demo(db: &PgPool) -> anyhow::Result<()> {
    sqlx::query!("insert into demo_install default values on conflict do nothing").execute(db).await?;
    Ok(())
}

/// The office, then its procedure cards, a living morning at the desks of the day
/// of `now`, home-visit requests at every step, and six months of history before it.
pub async fn load(db: &PgPool, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    load_day(db, now).await?;
    let today = crate::calendar::local_date(now, &chrono_tz::Europe::Warsaw);
    let script = include_str!("history.sql").replace("{today}", &today.to_string());
    run_long_script(db, script).await?;
    load_registers(db, today).await
}

/// The office and its day (the morning at the desks, callbacks, home-visit requests, complaints)
/// without the six months of history: what the tests of those pages need.
pub async fn load_day(db: &PgPool, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    load_structure(db).await?;
    let today = crate::calendar::local_date(now, &chrono_tz::Europe::Warsaw);
    let month = chrono::Days::new(31);
    let calendar = crate::calendar::load(db, today - month, today + month).await?;
    let mut previous = today.pred_opt().unwrap_or(today);
    while !calendar.is_working_day(previous) {
        previous = previous.pred_opt().unwrap_or(previous);
    }
    let script = include_str!("today.sql")
        .replace("{today}", &today.to_string())
        .replace("{previous}", &previous.to_string())
        .replace("{next}", &calendar.callback_deadline(today).to_string());
    sqlx::raw_sql(sqlx::AssertSqlSafe(script)).execute(db).await?;

    let visit_day = calendar.next_working_day(calendar.next_working_day(today));
    let script = include_str!("home_visits.sql")
        .replace("{year}", &chrono::Datelike::year(&today).to_string())
        .replace("{planned}", &format!("{visit_day} 10:00:00 Europe/Warsaw"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(script)).execute(db).await?;

    // Complaints: taken so many days ago, due by the default deadline (a month, past days off).
    let mut script = include_str!("complaints.sql").replace("{year}", &chrono::Datelike::year(&today).to_string());
    let (first, last) = crate::complaints::rules::calendar_span(today - chrono::Days::new(40));
    let calendar = crate::calendar::load(db, first, last.max(today + chrono::Days::new(100))).await?;
    for (n, ago) in [(1, 0), (2, 3), (3, 10), (4, 40), (5, 20), (6, 0)] {
        let taken = today - chrono::Days::new(ago);
        let due = crate::complaints::rules::answer_deadline(&calendar, taken, crate::config::AnswerWithin::Months(1));
        script = script
            .replace(&format!("{{taken_{n}}}"), &taken.to_string())
            .replace(&format!("{{due_{n}}}"), &due.to_string());
    }
    script = script.replace("{answered_5}", &(today - chrono::Days::new(4)).to_string());
    sqlx::raw_sql(sqlx::AssertSqlSafe(script)).execute(db).await?;

    let script = include_str!("regulation.sql").replace("{today}", &today.to_string());
    sqlx::raw_sql(sqlx::AssertSqlSafe(script)).execute(db).await?;
    load_registers(db, today).await
}

/// The office's registers: errors, gifts refused, suggestions (and, once the history
/// holds residents' comments, one made a suggestion).
async fn load_registers(db: &PgPool, today: chrono::NaiveDate) -> anyhow::Result<()> {
    let script = include_str!("registers.sql").replace("{today}", &today.to_string());
    sqlx::raw_sql(sqlx::AssertSqlSafe(script)).execute(db).await?;
    Ok(())
}

/// Runs a script of a second or two on its own connection, without sqlx's "slow
/// statement" warning (which would print the whole script to the console).
async fn run_long_script(db: &PgPool, script: String) -> anyhow::Result<()> {
    use sqlx::ConnectOptions;
    let options = (*db.connect_options())
        .clone()
        .log_slow_statements(log::LevelFilter::Off, std::time::Duration::from_secs(3600));
    let mut conn = options.connect().await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(script)).execute(&mut conn).await?;
    sqlx::Connection::close(conn).await?;
    Ok(())
}

/// Departments, desks, staff, procedure cards and competences: what tests start from.
pub async fn load_structure(db: &PgPool) -> anyhow::Result<()> {
    load_office(db).await?;
    sqlx::raw_sql(include_str!("front_desk.sql")).execute(db).await?;
    Ok(())
}

async fn load_office(db: &PgPool) -> anyhow::Result<()> {
    let hash = password::hash_blocking(DEMO_PASSWORD)?;
    let demo_secret = Secret::from_base32(DEMO_TOTP_SECRET).expect("the demo secret is base32");
    let mut tx = db.begin().await?;
    for (symbol, name) in DEPARTMENTS {
        sqlx::query!("insert into department (symbol, name) values ($1, $2) on conflict do nothing", symbol, name)
            .execute(&mut *tx)
            .await?;
    }
    for (number, floor, room, dept) in DESKS {
        sqlx::query!(
            "insert into desk (number, floor, room, department_id)
             select $1, $2, $3, department_id from department where symbol = $4
             on conflict do nothing",
            number,
            floor,
            room,
            dept
        )
        .execute(&mut *tx)
        .await?;
    }
    for (login, name, dept, phone, roles) in STAFF {
        let inserted = sqlx::query_scalar!(
            "insert into staff (login, full_name, phone, department_id, password_hash)
             values ($1, $2, $3, (select department_id from department where symbol = $4), $5)
             on conflict (login) do nothing
             returning staff_id",
            login,
            name,
            phone,
            dept,
            hash
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(staff_id) = inserted {
            for role in *roles {
                sqlx::query!("insert into staff_role (staff_id, role) values ($1, $2)", staff_id, role.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // Also for a demo office loaded before there was a second factor.
        if required_for(DEFAULT_REQUIRED_ROLES, roles) {
            sqlx::query!(
                "insert into second_factor (staff_id, secret, confirmed_at)
                 select staff_id, $2, now() from staff where login = $1
                 on conflict (staff_id) do nothing",
                login,
                demo_secret.as_bytes()
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    for (login, title) in JOB_TITLES {
        sqlx::query!("update staff set job_title = $2 where login = $1 and job_title = ''", login, title)
            .execute(&mut *tx)
            .await?;
    }
    // The demo staff's forms of address, from their first names (Polish women's
    // names end in -a; every demo name follows the rule).
    sqlx::query!(
        "update staff set address_form = case when split_part(full_name, ' ', 1) like '%a' then 'pani' else 'pan' end
         where address_form is null"
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

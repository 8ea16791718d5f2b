//! When PostgreSQL goes away, pages answer 503 quickly; when it is back, Okienko
//! recovers by itself. The outage is real: the app reaches the database through a
//! TCP relay that this test cuts and restores.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::{TestApp, office_db};
use sqlx::postgres::PgPoolOptions;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

struct Relay {
    addr: SocketAddr,
    down: Arc<AtomicBool>,
    cut: watch::Sender<u64>,
}

impl Relay {
    async fn start(upstream: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let down = Arc::new(AtomicBool::new(false));
        let (cut, _) = watch::channel(0u64);
        let (down2, cut2) = (down.clone(), cut.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                if down2.load(Ordering::SeqCst) {
                    continue; // dropped: the connection is refused
                }
                let mut cut_rx = cut2.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(upstream).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut_rx.changed() => {}
                    }
                });
            }
        });
        Relay { addr, down, cut }
    }

    fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
        if down {
            self.cut.send_modify(|n| *n += 1);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_503_while_the_database_is_down_and_recover_after() {
    let db = office_db().await;
    let options = db.connect_options();
    let upstream: SocketAddr = tokio::net::lookup_host(format!("{}:{}", options.get_host(), options.get_port()))
        .await
        .unwrap()
        .next()
        .unwrap();
    let relay = Relay::start(upstream).await;
    let relayed = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(1))
        .test_before_acquire(false)
        .connect_lazy_with((*options).clone().host("127.0.0.1").port(relay.addr.port()));
    let app = TestApp::spawn_on(relayed, Some(db), &[]).await;
    let clerk = app.signed_in("clerk").await;
    assert_eq!(clerk.get("/").await.status, 200);

    relay.set_down(true);
    let started = Instant::now();
    let res = clerk.get("/").await;
    assert_eq!(res.status, 503);
    assert!(started.elapsed() < Duration::from_secs(5), "503 came after {:?}", started.elapsed());
    assert!(res.body.contains("Usługa chwilowo niedostępna"));
    assert!(!res.body.to_lowercase().contains("sqlx"), "no internals on the page");
    assert_eq!(app.client().get("/readyz").await.status, 503);
    assert_eq!(app.client().get("/healthz").await.status, 200, "the process itself is alive");
    // The sign-in form itself needs no database (a visitor has no session row);
    // signing in does, and says so.
    let visitor = app.client();
    let form = visitor.get("/login").await;
    assert_eq!(form.status, 200);
    let res = visitor.post_with_token("/login", &form.csrf(), &[("login", "clerk"), ("password", "x")]).await;
    assert_eq!(res.status, 503);
    assert!(res.body.contains("Usługa chwilowo niedostępna"));

    relay.set_down(false);
    let mut recovered = false;
    for _ in 0..20 {
        if clerk.get("/").await.status == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(recovered, "Okienko did not recover after the database came back");
    assert_eq!(app.client().get("/readyz").await.status, 200);
}

const CAR: &str = "Rejestracja pojazdu";

/// What a clerk saw while working flat out: every answer's status (0: none came)
/// and how long it took.
type Seen = Vec<(u16, Duration)>;

/// A clerk serving clients until `until` or until the server stops answering for
/// good (`stop_on_silence`): call, start, finish as settled, again.
async fn serve(clerk: crate::common::Client, until: Instant, stop_on_silence: bool) -> Seen {
    let token = clerk.get("/desk").await.csrf();
    let mut seen = Seen::new();
    let mut record = |page: Option<crate::common::Page>, started: Instant| {
        let status = page.as_ref().map_or(0, |p| p.status);
        seen.push((status, started.elapsed()));
        page
    };
    while Instant::now() < until {
        let t = Instant::now();
        let called = record(clerk.try_post_with_token("/desk/call-next", &token, &[]).await, t);
        if called.is_none() && stop_on_silence {
            break;
        }
        let t = Instant::now();
        let Some(desk) = record(clerk.try_get("/desk").await, t) else {
            if stop_on_silence {
                break;
            }
            continue;
        };
        let id =
            desk.body.split_once("/no-show\"").and_then(|(b, _)| b.rsplit("/desk/visits/").next()).map(str::to_owned);
        let Some(id) = id else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let t = Instant::now();
        record(clerk.try_post_with_token(&format!("/desk/visits/{id}/start"), &token, &[]).await, t);
        let t = Instant::now();
        record(
            clerk.try_post_with_token(&format!("/desk/visits/{id}/finish"), &token, &[("outcome", "settled")]).await,
            t,
        );
    }
    seen
}

/// Nothing half-written: every visit's times in order, and every call and every
/// finished visit recorded in the audit log exactly once, with the visit.
async fn assert_nothing_half_written(db: &sqlx::PgPool) {
    let out_of_order: i64 = sqlx::query_scalar(
        "select count(*) from visit
         where (called_at is not null and called_at < arrived_at)
            or (started_at is not null and (called_at is null or started_at < called_at))
            or (finished_at is not null and finished_at < coalesce(started_at, called_at, arrived_at))
            or (status = 'done' and (finished_at is null or started_at is null or outcome is null))
            or (status in ('called', 'serving') and called_at is null)",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(out_of_order, 0, "visits with their times out of order or half finished");
    let unaudited: i64 = sqlx::query_scalar(
        "select count(*) from visit v
         where (v.called_at is not null and (select count(*) from audit_event a
                where a.action = 'visit.called' and a.target_id = v.visit_id::text) <> 1)
            or (v.status = 'done' and (select count(*) from audit_event a
                where a.action = 'visit.finished' and a.target_id = v.visit_id::text) <> 1)",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(unaudited, 0, "a call or a finish without its audit record, or with two");
    let tickets_twice: i64 = sqlx::query_scalar(
        "select count(*) from (select 1 from visit group by ticket_day, department_id, ticket having count(*) > 1) t",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(tickets_twice, 0, "a ticket number given twice");
}

async fn register_many(app: &TestApp, n: usize) {
    let info = app.signed_in("info_point").await;
    let kind = app.case_kind_id(CAR).await.to_string();
    let token = info.get("/visits/new").await.csrf();
    for _ in 0..n {
        assert_eq!(info.post_with_token("/visits", &token, &[("case_kind_id", &kind)]).await.status, 303);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_under_load_fails_fast_leaves_nothing_half_written_and_recovers_alone() {
    let db = office_db().await;
    let direct = db.pool.clone();
    let options = db.connect_options();
    let upstream: SocketAddr = tokio::net::lookup_host(format!("{}:{}", options.get_host(), options.get_port()))
        .await
        .unwrap()
        .next()
        .unwrap();
    let relay = Relay::start(upstream).await;
    let relayed = PgPoolOptions::new()
        .max_connections(6)
        .acquire_timeout(Duration::from_secs(1))
        .test_before_acquire(false)
        .connect_lazy_with((*options).clone().host("127.0.0.1").port(relay.addr.port()));
    let app = TestApp::spawn_on(relayed, Some(db), &[]).await;
    register_many(&app, 60).await;
    let clerks = [app.clerk_at_desk("clerk", "4").await, app.clerk_at_desk("magdalena.kozlowska", "3").await];

    let until = Instant::now() + Duration::from_secs(4);
    let work: Vec<_> = clerks.into_iter().map(|c| tokio::spawn(serve(c, until, false))).collect();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    relay.set_down(true);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    relay.set_down(false);
    let mut seen = Seen::new();
    for w in work {
        seen.extend(w.await.unwrap());
    }
    let statuses: std::collections::BTreeSet<u16> = seen.iter().map(|(s, _)| *s).collect();
    assert!(statuses.contains(&503), "the outage was seen as 503: {statuses:?}");
    assert!(statuses.contains(&303), "and work went on around it: {statuses:?}");
    assert!(statuses.iter().all(|s| [200, 303, 409, 503].contains(s)), "no 500, no answer missing: {statuses:?}");
    let slowest = seen.iter().map(|(_, d)| *d).max().unwrap();
    assert!(slowest < Duration::from_secs(5), "every answer came fast, the slowest after {slowest:?}");

    // the office recovers by itself
    let clerk = app.signed_in("clerk").await;
    let mut recovered = false;
    for _ in 0..40 {
        if clerk.try_get("/desk").await.is_some_and(|p| p.status == 200) {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(recovered, "the desk did not come back after the outage");
    assert_nothing_half_written(&direct).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exhausted_pool_answers_503_at_once_and_pages_come_back_when_it_frees() {
    let db = office_db().await;
    let pool = PgPoolOptions::new()
        .max_connections(3)
        .acquire_timeout(Duration::from_secs(1))
        .connect_with((*db.connect_options()).clone())
        .await
        .unwrap();
    let app = TestApp::spawn_on(pool.clone(), Some(db), &[]).await;
    let clerk = app.signed_in("clerk").await;
    assert_eq!(clerk.get("/desk").await.status, 200);

    // every connection of the pool held elsewhere (a long report, a stuck query)
    let mut held = Vec::new();
    while let Ok(Ok(connection)) = tokio::time::timeout(Duration::from_secs(2), pool.acquire()).await {
        held.push(connection);
    }
    assert!(!held.is_empty());
    let started = Instant::now();
    let res = clerk.get("/desk").await;
    assert_eq!(res.status, 503);
    assert!(res.body.contains("Usługa chwilowo niedostępna"));
    assert!(started.elapsed() < Duration::from_secs(3), "answered after {:?}, not left hanging", started.elapsed());

    drop(held);
    assert_eq!(clerk.get("/desk").await.status, 200, "pages come back as soon as connections free");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_graceful_stop_under_load_cuts_no_request_mid_write() {
    let mut app = TestApp::spawn(office_db().await).await;
    let direct = app.db.clone();
    register_many(&app, 60).await;
    let clerks = [app.clerk_at_desk("clerk", "4").await, app.clerk_at_desk("magdalena.kozlowska", "3").await];
    let until = Instant::now() + Duration::from_secs(20);
    let work: Vec<_> = clerks.into_iter().map(|c| tokio::spawn(serve(c, until, true))).collect();
    tokio::time::sleep(Duration::from_millis(800)).await;
    let stopping = Instant::now();
    app.stop().await;
    assert!(stopping.elapsed() < Duration::from_secs(4), "stopped within SHUTDOWN_GRACE");
    let mut seen = Seen::new();
    for w in work {
        seen.extend(w.await.unwrap());
    }
    let answered: Vec<u16> = seen.iter().map(|(s, _)| *s).filter(|s| *s != 0).collect();
    assert!(answered.iter().filter(|s| **s == 303).count() >= 4, "the clerks were working: {answered:?}");
    assert!(answered.iter().all(|s| [200, 303].contains(s)), "every request answered in full: {answered:?}");
    assert_nothing_half_written(&direct).await;
}

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

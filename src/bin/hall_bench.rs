//! `make bench`'s hall display scenario (a binary of its own: as an example it
//! would build every dev-dependency in release): SCREENS hall displays connected to
//! `/display/events` (Server-Sent Events), each from its own loopback address as
//! separate devices would be, while CLERKS signed-in clerks call clients at their
//! open desks. For every call it measures, on every screen, the time from sending
//! `POST /desk/call-next` to the screen receiving that desk's `called` event (an
//! upper bound of the delay a resident sees: the call commits before the answer).
//!
//! A clerk calls again only once every screen has shown the call (or after
//! `BENCH_MISS_AFTER_MS`, counting the screens that missed it), marks the client
//! "did not come" and waits `BENCH_THINK_MS`: one call per desk is in flight, so an
//! event is matched to its call by the desk.
//!
//! Environment: BENCH_BASE (http://127.0.0.1:18080), BENCH_SESSIONS (a file of
//! "cookie<TAB>csrf token" lines, the clerks load01... in order, whose desks are
//! L01...), BENCH_SCREENS (200), BENCH_DURATION_S (20), BENCH_THINK_MS (500),
//! BENCH_MISS_AFTER_MS (5000). Prints one line starting with "HALL ".
//!
//! Plain HTTP/1.0 over TCP (a connection per clerk request, one per screen): the
//! client stays small and needs no HTTP library.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::Notify;

struct Pending {
    sent: Instant,
    seen: usize,
    done: Arc<Notify>,
}

#[derive(Default)]
struct Shared {
    /// The call in flight per desk number.
    pending: HashMap<String, Pending>,
    latencies_us: Vec<u64>,
    /// `called` events for a desk with no call in flight (late, after the clerk gave up).
    stray: u64,
}

fn env(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = env("BENCH_BASE", "http://127.0.0.1:18080");
    let addr: SocketAddr = base.trim_start_matches("http://").trim_end_matches('/').parse()?;
    let screens: usize = env("BENCH_SCREENS", "200").parse()?;
    let duration = Duration::from_secs(env("BENCH_DURATION_S", "20").parse()?);
    let think = Duration::from_millis(env("BENCH_THINK_MS", "500").parse()?);
    let miss_after = Duration::from_millis(env("BENCH_MISS_AFTER_MS", "5000").parse()?);
    let sessions_file = std::env::var("BENCH_SESSIONS").map_err(|_| "BENCH_SESSIONS is not set")?;
    let clerks: Vec<(String, String)> = std::fs::read_to_string(&sessions_file)?
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(c, t)| (c.to_owned(), t.to_owned())))
        .collect();
    let shared = Arc::new(Mutex::new(Shared::default()));

    // The screens, each from its own address 127.0.1.N (the live streams are capped per address).
    let connected = Arc::new(tokio::sync::Semaphore::new(0));
    let mut connect_failures = 0;
    for i in 0..screens {
        let source = IpAddr::V4(Ipv4Addr::new(127, 0, 1 + (i / 250) as u8, 1 + (i % 250) as u8));
        let stream = match open_screen(addr, source).await {
            Ok(stream) => stream,
            Err(e) => {
                connect_failures += 1;
                eprintln!("hall_bench: screen {i}: {e}");
                continue;
            }
        };
        let shared = shared.clone();
        let connected = connected.clone();
        tokio::spawn(async move {
            connected.add_permits(1);
            let _ = screen(stream, shared).await;
        });
    }
    let screens_up = screens - connect_failures;
    // the screens' own task has started
    let _ = tokio::time::timeout(Duration::from_secs(10), connected.acquire_many(screens_up as u32)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let start = Instant::now();
    let mut tasks = Vec::new();
    for (i, (cookie, token)) in clerks.into_iter().enumerate() {
        let desk = format!("L{:02}", i + 1);
        let shared = shared.clone();
        tasks.push(tokio::spawn(async move {
            clerk(addr, cookie, token, desk, shared, screens_up, start + duration, think, miss_after).await
        }));
    }
    let (mut calls, mut missed, mut errors) = (0u64, 0u64, 0u64);
    for task in tasks {
        let (c, m, e) = task.await?;
        calls += c;
        missed += m;
        errors += e;
    }
    let seconds = start.elapsed().as_secs_f64();
    let shared = shared.lock().unwrap_or_else(|e| e.into_inner());
    let mut lat = shared.latencies_us.clone();
    lat.sort_unstable();
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        let i = ((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1;
        lat[i] as f64 / 1000.0
    };
    println!(
        "HALL screens={screens_up} screen_connect_failures={connect_failures} calls={calls} calls_per_s={:.1} \
         events={} missed={missed} stray={} errors={errors} p50_ms={:.2} p99_ms={:.2} max_ms={:.2}",
        calls as f64 / seconds,
        lat.len(),
        shared.stray,
        pct(0.50),
        pct(0.99),
        lat.last().map(|v| *v as f64 / 1000.0).unwrap_or(0.0)
    );
    std::process::exit(0);
}

async fn open_screen(addr: SocketAddr, source: IpAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    let mut stream = socket.connect(addr).await?;
    let request = format!(
        "GET /display/events HTTP/1.0\r\nHost: {addr}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    Ok(stream)
}

/// Reads one screen's stream: every `called` event is matched to its desk's call.
async fn screen(stream: TcpStream, shared: Arc<Mutex<Shared>>) -> std::io::Result<()> {
    let mut lines = BufReader::new(stream).lines();
    let status = lines.next_line().await?.unwrap_or_default();
    if !status.contains(" 200") {
        eprintln!("hall_bench: a screen got {status}");
        return Ok(());
    }
    let mut event = String::new();
    while let Some(line) = lines.next_line().await? {
        if let Some(name) = line.strip_prefix("event:") {
            event = name.trim().to_owned();
        } else if let Some(data) = line.strip_prefix("data:") {
            if event != "called" {
                continue;
            }
            let Ok(value) = serde_json::from_str::<serde_json::Value>(data.trim()) else { continue };
            let Some(desk) = value.get("desk").and_then(|d| d.as_str()) else { continue };
            let now = Instant::now();
            let mut shared = shared.lock().unwrap_or_else(|e| e.into_inner());
            let shared = &mut *shared;
            match shared.pending.get_mut(desk) {
                Some(p) => {
                    shared.latencies_us.push(now.duration_since(p.sent).as_micros() as u64);
                    p.seen += 1;
                    let done = p.done.clone();
                    done.notify_one();
                }
                None => shared.stray += 1,
            }
        } else if line.is_empty() {
            event.clear();
        }
    }
    Ok(())
}

/// One clerk: call, wait until every screen showed it, "did not come", pause, again.
#[allow(clippy::too_many_arguments)]
async fn clerk(
    addr: SocketAddr,
    cookie: String,
    token: String,
    desk: String,
    shared: Arc<Mutex<Shared>>,
    screens: usize,
    until: Instant,
    think: Duration,
    miss_after: Duration,
) -> (u64, u64, u64) {
    let (mut calls, mut missed, mut errors) = (0u64, 0u64, 0u64);
    let form = format!("_csrf={token}");
    // a client left called by an earlier run "did not come"
    if let Ok(Some(id)) = called_client(addr, &cookie).await {
        let _ = request(addr, "POST", &format!("/desk/visits/{id}/no-show"), &cookie, Some(&form)).await;
    }
    while Instant::now() < until {
        let done = Arc::new(Notify::new());
        shared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pending
            .insert(desk.clone(), Pending { sent: Instant::now(), seen: 0, done: done.clone() });
        let called = request(addr, "POST", "/desk/call-next", &cookie, Some(&form)).await;
        let id = match called {
            Ok((303, _)) => called_client(addr, &cookie).await,
            _ => Err(std::io::Error::other("call-next failed")),
        };
        let Ok(Some(id)) = id else {
            // the call failed, or found nobody
            errors += 1;
            shared.lock().unwrap_or_else(|e| e.into_inner()).pending.remove(&desk);
            tokio::time::sleep(think).await;
            continue;
        };
        calls += 1;
        let deadline = tokio::time::Instant::now() + miss_after;
        loop {
            let seen = shared.lock().unwrap_or_else(|e| e.into_inner()).pending.get(&desk).map_or(0, |p| p.seen);
            if seen >= screens {
                break;
            }
            if tokio::time::timeout_at(deadline, done.notified()).await.is_err() {
                let seen = shared.lock().unwrap_or_else(|e| e.into_inner()).pending.get(&desk).map_or(0, |p| p.seen);
                missed += screens.saturating_sub(seen) as u64;
                break;
            }
        }
        shared.lock().unwrap_or_else(|e| e.into_inner()).pending.remove(&desk);
        // the called client "did not come": the clerk is free for the next call
        let path = format!("/desk/visits/{id}/no-show");
        if !matches!(request(addr, "POST", &path, &cookie, Some(&form)).await, Ok((303, _))) {
            errors += 1;
        }
        tokio::time::sleep(think).await;
    }
    (calls, missed, errors)
}

/// The client this clerk has called, from the desk page: its visit id.
async fn called_client(addr: SocketAddr, cookie: &str) -> std::io::Result<Option<String>> {
    let (status, body) = request(addr, "GET", "/desk", cookie, None).await?;
    if status != 200 {
        return Err(std::io::Error::other(format!("GET /desk answered {status}")));
    }
    // the called client's "did not come" (not the undo of the one before)
    Ok(body
        .split_once("/no-show\"")
        .and_then(|(before, _)| before.rsplit("/desk/visits/").next())
        .filter(|id| id.len() == 36)
        .map(str::to_owned))
}

/// One HTTP/1.0 request on a connection of its own: (status, body).
async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: &str,
    form: Option<&str>,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut head = format!("{method} {path} HTTP/1.0\r\nHost: {addr}\r\nCookie: {cookie}\r\n");
    if let Some(form) = form {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ));
    } else {
        head.push_str("\r\n");
    }
    stream.write_all(head.as_bytes()).await?;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .map_err(|_| std::io::Error::other("timeout"))??;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Ok((status, body))
}

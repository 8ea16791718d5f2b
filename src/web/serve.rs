//! The HTTP server, on hyper-util's builder rather than axum's `serve`, for the limits
//! a server facing the open network needs (issue 12, finding 2: 50 connections that
//! sent nothing and 5 that sent only `PRI * HTTP/2.0\r\n` were all still open after
//! 65 s).
//!
//! - **First bytes** (`FIRST_BYTES_TIMEOUT`): the builder speaks HTTP/1 and HTTP/2
//!   and tells them apart by the first bytes, but starts its timers only once it
//!   knows, so a connection that sends nothing, or a part of the HTTP/2 preface,
//!   would wait for ever. We peek at the first bytes ourselves, with a deadline,
//!   before the builder sees the connection (peeking leaves them for the builder).
//! - **HTTP/1** (`HEADER_READ_TIMEOUT`): hyper's timer runs from the first byte of
//!   a request, and also while a keep-alive connection waits for its next request.
//!   The read buffer, and so the request head, is held to 64 KiB.
//! - **HTTP/2**: pings every `HTTP2_KEEP_ALIVE_INTERVAL`, unanswered within
//!   `HTTP2_KEEP_ALIVE_TIMEOUT`, close a peer that went away; a peer that answers
//!   pings but asks nothing could still keep its connection for ever, so a
//!   connection with no request in flight for `CONNECTION_IDLE_TIMEOUT` is closed
//!   (GOAWAY: a polite peer opens a new one when it needs one). At most 100 requests
//!   at once per connection and 16 KiB of headers per request.
//! - **Connections** (`MAX_CONNECTIONS`): one beyond the cap is closed as soon as it
//!   is accepted. Leaving it in the kernel's queue instead would make every client
//!   hang (the complaint above) while the places are held; closing says "busy" at
//!   once, costs a file descriptor for a moment only, and a browser or a proxy
//!   simply tries again. The places held by silent clients come free within
//!   `FIRST_BYTES_TIMEOUT`. The cap keeps the process below its open-file limit
//!   (often 1024), with room for the database pool and the static files.
//! - **Shutdown**: stops accepting, asks every connection to finish (HTTP/1 after
//!   its current response, HTTP/2 with GOAWAY), waits for requests in flight, and
//!   drops whatever is left after `SHUTDOWN_GRACE`. Live streams end by themselves
//!   (`AppState::closing`).
//!
//! Live streams are capped per client and in all by `web::live`.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::config::Config;

/// Requests at once on one HTTP/2 connection (RFC 9113 advises no fewer than 100).
const HTTP2_MAX_STREAMS: u32 = 100;
/// Request headers of one HTTP/2 request, as HTTP/2 counts them.
const HTTP2_MAX_HEADER_LIST: u32 = 16 * 1024;
/// The read buffer of an HTTP/1 connection, which must hold the whole request head.
const HTTP1_MAX_BUFFER: usize = 64 * 1024;
/// The HTTP/2 connection preface every HTTP/2 client starts with.
const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// The server's limits, from the settings (see `.env.example`).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub first_bytes: Duration,
    pub header_read: Duration,
    pub idle: Duration,
    pub keep_alive_interval: Duration,
    pub keep_alive_timeout: Duration,
    pub grace: Duration,
}

impl Limits {
    pub fn of(config: &Config) -> Limits {
        Limits {
            max_connections: config.max_connections,
            first_bytes: config.first_bytes_timeout,
            header_read: config.header_read_timeout,
            idle: config.connection_idle_timeout,
            keep_alive_interval: config.http2_keep_alive_interval,
            keep_alive_timeout: config.http2_keep_alive_timeout,
            grace: config.shutdown_grace,
        }
    }
}

/// What the server asks of its connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    Serving,
    /// Finish what is in flight, take nothing new.
    Drain,
    /// The grace is over: close now.
    Now,
}

pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_read).max_buf_size(HTTP1_MAX_BUFFER);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(limits.keep_alive_interval)
        .keep_alive_timeout(limits.keep_alive_timeout)
        .max_concurrent_streams(HTTP2_MAX_STREAMS)
        .max_header_list_size(HTTP2_MAX_HEADER_LIST);
    let builder = Arc::new(builder);
    // A place per open connection: when all are back, every connection has ended.
    let places = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopping) = watch::channel(Stop::Serving);
    let mut last_warned: Option<Instant> = None;
    tokio::pin!(shutdown);

    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(place) = places.clone().try_acquire_owned() else {
            // Said once in a while, not for every connection of a flood.
            if last_warned.is_none_or(|at| at.elapsed() > Duration::from_secs(10)) {
                tracing::warn!(max = limits.max_connections, "MAX_CONNECTIONS reached: closing new connections");
                last_warned = Some(Instant::now());
            }
            drop(stream);
            continue;
        };
        tokio::spawn(connection(stream, peer, app.clone(), builder.clone(), limits, stopping.clone(), place));
    }

    drop(listener);
    tracing::info!("shutting down: waiting for requests in flight");
    stop.send_replace(Stop::Drain);
    let all_closed = places.acquire_many(limits.max_connections as u32);
    tokio::select! {
        _ = all_closed => tracing::info!("all connections closed"),
        () = tokio::time::sleep(limits.grace) => {
            tracing::warn!("shutdown deadline reached; closing remaining connections");
            stop.send_replace(Stop::Now);
        }
    }
}

/// One connection, from its first bytes to its end; `_place` is given back when it ends.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    builder: Arc<Builder<TokioExecutor>>,
    limits: Limits,
    stopping: watch::Receiver<Stop>,
    _place: OwnedSemaphorePermit,
) {
    let (mut drain, mut now) = (stopping.clone(), stopping);
    let known = tokio::select! {
        known = tokio::time::timeout(limits.first_bytes, protocol_known(&stream)) => matches!(known, Ok(Ok(true))),
        _ = drain.wait_for(|s| *s != Stop::Serving) => false,
    };
    if !known {
        // Silent, or half an HTTP/2 preface, or gone: dropping the stream closes it.
        return;
    }

    let activity = Activity::default();
    let service = {
        let activity = activity.clone();
        tower::service_fn(move |mut req: http::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            let busy = activity.begin();
            let app = app.clone();
            async move {
                let response = app.oneshot(req).await?;
                // In flight until its body is sent (a live stream: until it ends).
                Ok::<_, Infallible>(response.map(|body| Tracked { body, _busy: busy }))
            }
        })
    };
    let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service));
    let conn = conn.into_owned();
    tokio::pin!(conn);

    let mut draining = false;
    // Set when the connection was closed for idleness: nothing is in flight, so a
    // peer that does not let go (an HTTP/2 peer silent after the GOAWAY) is dropped.
    let mut give_up_at: Option<Instant> = None;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            () = activity.idle_for(limits.idle), if !draining => {
                conn.as_mut().graceful_shutdown();
                draining = true;
                give_up_at = Some(Instant::now() + limits.keep_alive_timeout);
            }
            _ = drain.wait_for(|s| *s != Stop::Serving), if !draining => {
                conn.as_mut().graceful_shutdown();
                draining = true;
            }
            _ = now.wait_for(|s| *s == Stop::Now) => return,
            () = tokio::time::sleep_until(give_up_at.unwrap_or_else(Instant::now)), if give_up_at.is_some() => return,
        }
    }
}

/// Waits until the first bytes say which protocol the client speaks: anything but
/// the start of the HTTP/2 preface is HTTP/1; HTTP/2 once the whole preface is
/// there. False when the client closed without a word. The bytes stay unread.
async fn protocol_known(stream: &TcpStream) -> std::io::Result<bool> {
    let mut buf = [0u8; H2_PREFACE.len()];
    loop {
        // Waits for at least one byte, without a timer of its own.
        let n = stream.peek(&mut buf).await?;
        if n == 0 {
            return Ok(false);
        }
        if n == H2_PREFACE.len() || !H2_PREFACE.starts_with(&buf[..n]) {
            return Ok(true);
        }
        // A part of the preface: real clients send it whole, so this is rare; peek
        // again shortly (the bytes already there would wake a readiness wait at once).
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How many requests of a connection are in flight, to close it when none has been
/// for a while.
#[derive(Clone, Default)]
struct Activity(Arc<watch::Sender<usize>>);

/// One request in flight, until dropped.
struct Busy(Arc<watch::Sender<usize>>);

impl Activity {
    fn begin(&self) -> Busy {
        self.0.send_modify(|n| *n += 1);
        Busy(self.0.clone())
    }

    /// Resolves once no request has been in flight for `limit`.
    async fn idle_for(&self, limit: Duration) {
        let mut seen = self.0.subscribe();
        loop {
            // Never fails: `self` holds the sender.
            let _ = seen.wait_for(|n| *n == 0).await;
            if tokio::time::timeout(limit, seen.changed()).await.is_err() {
                return;
            }
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// A response body that keeps its request counted as in flight until it is dropped.
struct Tracked {
    body: Body,
    _busy: Busy,
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

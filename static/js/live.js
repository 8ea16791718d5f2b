// Live regions: listens to the server's events (SSE) and, when one concerns this
// page, fetches the page again and swaps in the named regions. Without JavaScript
// the page works the same with a reload. EventSource reconnects by itself after a
// lost connection, but gives up for good when the server answers with an error
// (429 or 503 when too many live streams are open, a proxy's 502 during a
// restart): then we open a new one a little later, at a random moment so that
// screens do not all come back at once. When a staff screen's session has ended,
// the server says `session_ended` and the page reloads (to the sign-in page).
(() => {
  const root = document.querySelector("[data-live]");
  if (!root || !window.EventSource) return;
  const url = root.dataset.live;
  const regions = (root.dataset.liveRegions || "").split(" ").filter(Boolean);
  const wanted = (root.dataset.liveEvents || "").split(" ").filter(Boolean);
  let pending = null;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      try {
        // marked, so that the server leaves a one-time message for the page the
        // person is about to see instead of spending it on this fetch
        const response = await fetch(url, { headers: { Accept: "text/html", "X-Live-Refresh": "1" } });
        if (!response.ok) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        for (const selector of regions) {
          const here = document.querySelector(selector);
          const fresh = page.querySelector(selector);
          if (here && fresh && here.innerHTML !== fresh.innerHTML) here.innerHTML = fresh.innerHTML;
        }
      } catch (_) {
        // The next event or the reconnect will try again.
      }
    }, 150);
  };
  // Every event is also told to the page's own scripts (a chime, a highlight).
  const tell = (name) => (message) => {
    let data = null;
    try { data = JSON.parse(message.data); } catch (_) { /* a keep-alive */ }
    document.dispatchEvent(new CustomEvent("okienko:event", { detail: { name, data } }));
  };
  const connect = () => {
    const source = new EventSource(root.dataset.liveSource || "/events");
    for (const name of wanted) {
      source.addEventListener(name, refresh);
      source.addEventListener(name, tell(name));
    }
    source.addEventListener("open", refresh);
    source.addEventListener("session_ended", () => {
      source.close();
      window.location.reload();
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, (30 + Math.random() * 30) * 1000);
      }
    });
  };
  connect();
  document.documentElement.classList.add("js");
})();

// Live regions: listens to the server's events (SSE) and, when one concerns this
// page, fetches the page again and swaps in the named regions. Without JavaScript
// the page works the same with a reload; EventSource reconnects by itself.
(() => {
  const root = document.querySelector("[data-live]");
  if (!root || !window.EventSource) return;
  const url = root.dataset.live;
  const regions = (root.dataset.liveRegions || "").split(" ").filter(Boolean);
  const wanted = (root.dataset.liveEvents || "").split(" ").filter(Boolean);
  const source = new EventSource(root.dataset.liveSource || "/events");
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
  for (const name of wanted) {
    source.addEventListener(name, refresh);
    source.addEventListener(name, tell(name));
  }
  source.addEventListener("open", refresh);
  document.documentElement.classList.add("js");
})();

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
  for (const name of wanted) source.addEventListener(name, refresh);
  source.addEventListener("open", refresh);
  document.documentElement.classList.add("js");
})();

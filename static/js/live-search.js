// Search as you type: fetches the same page with the query and swaps in its results.
// Without JavaScript the form's button does the same with a full page load.
document.querySelectorAll("form[data-live-search]").forEach((form) => {
  const target = document.querySelector(form.dataset.liveSearch);
  const input = form.querySelector("input[type=search]");
  if (!target || !input) return;
  let timer = null;
  let latest = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ticket = ++latest;
      const url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
      try {
        const response = await fetch(url, { headers: { Accept: "text/html" } });
        if (!response.ok || ticket !== latest) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.querySelector(form.dataset.liveSearch);
        if (fresh) target.innerHTML = fresh.innerHTML;
        history.replaceState(null, "", url);
      } catch (_) {
        // Offline or server busy: the button still works.
      }
    }, 200);
  });
});

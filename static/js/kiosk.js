// The kiosk: back to the start screen after a while untouched; one answer per
// tap (the button is disabled once sent); and when the network is down, the answer
// is kept on the tablet and sent when it comes back. The resident just sees
// "thank you" either way. Without this script the plain form works the same,
// except for the offline queue.
(function () {
  "use strict";
  var QUEUE = "okienko-kiosk-queue";
  var form = document.querySelector("[data-kiosk-survey]");
  var thanks = document.querySelector("[data-kiosk-thanks]");

  function queue() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function save(items) {
    try { localStorage.setItem(QUEUE, JSON.stringify(items.slice(-200))); } catch (e) { /* full: drop */ }
  }
  function post(body) {
    return fetch("/kiosk/answers", {
      method: "POST",
      body: body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      credentials: "same-origin",
      redirect: "manual"
    });
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var h = "", i;
    for (i = 0; i < 32; i++) { h += Math.floor(Math.random() * 16).toString(16); }
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-4" + h.slice(13, 16) + "-a" + h.slice(17, 20) + "-" + h.slice(20, 32);
  }

  // Sends what was kept, oldest first, one at a time (the server throttles per device).
  var flushing = false;
  function flush() {
    var items = queue();
    if (flushing || items.length === 0 || navigator.onLine === false) { return; }
    flushing = true;
    post(items[0]).then(function (r) {
      // recorded (303), or refused for good (bad form, kiosk revoked): either way done with it
      if (r.type === "opaqueredirect" || r.status === 422 || r.status === 403 || r.status === 400) {
        save(queue().slice(1));
        flushing = false;
        setTimeout(flush, 2000);
      } else {
        flushing = false; // 429, 5xx: later
      }
    }, function () { flushing = false; });
  }
  window.addEventListener("online", flush);
  setInterval(flush, 30000);
  flush();

  var goStart = function () { window.location.replace("/kiosk"); };

  // The start screen of a desk's kiosk looks for an invitation every few seconds,
  // in the background: the screen changes only when there is one (a full reload
  // each time made it flicker); "thank you" goes back to the start by itself.
  var idle = document.querySelector("[data-kiosk-idle]");
  if (idle) {
    var every = (parseInt(idle.getAttribute("data-kiosk-idle"), 10) || 3) * 1000;
    var look = function () {
      fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html !== null && html.indexOf("data-kiosk-idle") === -1) {
            // The look has already taken the invitation: open that one, by its id.
            var found = html.match(/name="invitation" value="([0-9a-f-]{36})"/);
            var next = new URL(window.location.href);
            if (found) { next.searchParams.set("invitation", found[1]); }
            window.location.replace(next.toString());
          } else {
            setTimeout(look, every);
          }
        })
        .catch(function () { setTimeout(look, every); });
    };
    setTimeout(look, every);
  }
  var message = document.querySelector("[data-kiosk-back-after]");
  if (message) {
    setTimeout(goStart, (parseInt(message.getAttribute("data-kiosk-back-after"), 10) || 6) * 1000);
  }

  if (!form) { return; }

  // Back to the start screen when nobody touches the screen for a while, with a
  // warning 20 seconds before that any touch dismisses (WCAG 2.2.1).
  var after = (parseInt(form.getAttribute("data-reset-after"), 10) || 60) * 1000;
  var warning = document.querySelector("[data-kiosk-warning]");
  var timer, warnTimer;
  function arm() {
    clearTimeout(timer);
    clearTimeout(warnTimer);
    if (warning) { warning.hidden = true; }
    timer = setTimeout(goStart, after);
    warnTimer = setTimeout(function () { if (warning) { warning.hidden = false; } }, Math.max(after - 20000, after / 2));
  }
  arm();
  ["pointerdown", "keydown", "input", "change", "scroll"].forEach(function (name) {
    document.addEventListener(name, arm, { passive: true });
  });

  var errors = document.getElementById("errors");
  if (errors) { errors.focus(); }

  var sent = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sent) { return; }
    sent = true;
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    var body = new URLSearchParams(new FormData(form)).toString();
    var lang = form.querySelector("input[name=lang]").value;
    post(body).then(function (r) {
      if (r.type === "opaqueredirect") {
        window.location.replace("/kiosk/thanks?lang=" + encodeURIComponent(lang));
      } else {
        // errors to correct, or "wait a moment": the server's page says it
        form.submit();
      }
    }, function () {
      // No network: keep the answer, thank the resident, and start again here.
      var items = queue();
      items.push(body);
      save(items);
      form.hidden = true;
      if (thanks) { thanks.hidden = false; }
      setTimeout(function () {
        if (navigator.onLine !== false) { goStart(); return; }
        form.reset();
        form.querySelector("input[name=submission_key]").value = newKey();
        form.querySelector("input[name=invitation]").value = "";
        form.hidden = false;
        if (thanks) { thanks.hidden = true; }
        if (button) { button.disabled = false; }
        sent = false;
      }, 6000);
    });
  });
})();

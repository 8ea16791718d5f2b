// The ticket stand: one ticket per tap (the button is disabled once pressed), back
// to the start when nobody touches the screen for a while, and the ticket printed
// on the stand's printer, then the next resident's turn.
(function () {
  "use strict";
  var start = function () { window.location.replace("/kiosk/stand"); };
  var form = document.querySelector("[data-stand-form]");
  if (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) { event.preventDefault(); return; }
      sent = true;
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
    });
    var after = (parseInt(form.getAttribute("data-reset-after"), 10) || 60) * 1000;
    var timer;
    var arm = function () { clearTimeout(timer); timer = setTimeout(start, after); };
    arm();
    ["pointerdown", "keydown", "change"].forEach(function (name) { document.addEventListener(name, arm, { passive: true }); });
    var errors = document.getElementById("errors");
    if (errors) { errors.focus(); }
  }
  var ticket = document.querySelector("[data-stand-ticket]");
  if (ticket) {
    window.addEventListener("load", function () { window.print(); });
    var back = (parseInt(ticket.getAttribute("data-back-after"), 10) || 20) * 1000;
    setTimeout(function () { window.location.replace(ticket.getAttribute("data-back-to") || "/kiosk/stand"); }, back);
  }
})();

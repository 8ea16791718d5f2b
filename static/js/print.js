// Shows the print buttons (hidden without JavaScript, where Ctrl+P does the same),
// and prints at once a page opened to be printed (a ticket right after registering).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
if (document.body.hasAttribute("data-print-now")) {
  window.addEventListener("load", () => window.print());
}

// Shows the print buttons (hidden without JavaScript, where Ctrl+P does the same).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

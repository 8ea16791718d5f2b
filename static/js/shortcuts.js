// One-key shortcuts for the actions done all day (shown on the buttons as <kbd>).
// They work wherever the focus is, also on a radio button or a checkbox, but not
// while typing in a text field.
(() => {
  const typing = (el) =>
    el && el.closest && (el.closest("textarea, select, [contenteditable]") ||
      (el.matches("input") && !["radio", "checkbox", "button", "submit", "reset"].includes(el.type)));
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (typing(event.target)) return;
    const key = event.key.toLowerCase();
    const target = document.querySelector(`[data-shortcut="${CSS.escape(key)}"]`);
    if (!target) return;
    event.preventDefault();
    target.click();
    // A choice made with its key leaves the focus where the next key works too.
    if (target.matches("input[type=radio], input[type=checkbox]")) target.focus();
  });
})();

// The desk: the running time of the current service, and a chime when somebody
// asks this clerk to come to a client (the page's live events, see live.js).
(() => {
  const timer = document.querySelector("[data-timer-since]");
  if (timer) {
    const started = Date.now() - Number(timer.dataset.timerSince) * 1000;
    const tick = () => {
      const seconds = Math.max(0, Math.floor((Date.now() - started) / 1000));
      timer.textContent = `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
    };
    setInterval(tick, 1000);
  }
  document.addEventListener("okienko:event", (event) => {
    if (event.detail.name === "assistance" && window.Chime) window.Chime.play();
  });
})();

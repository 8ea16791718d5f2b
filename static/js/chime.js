// A short two-tone chime made by the browser itself (no sound file): the hall
// display on every call, the desk on a new request. Browsers let a page sound only
// after someone has touched it, so `Chime.unlock()` runs on the first key or click.
window.Chime = (() => {
  let context = null;
  const unlock = () => {
    if (!context) {
      const Audio = window.AudioContext || window.webkitAudioContext;
      if (!Audio) return false;
      context = new Audio();
    }
    if (context.state === "suspended") context.resume();
    return context.state !== "suspended";
  };
  const tone = (frequency, start, length) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.05);
  };
  const play = () => {
    if (!context || context.state !== "running") return false;
    const now = context.currentTime;
    tone(880, now, 0.6);
    tone(660, now + 0.35, 0.9);
    document.documentElement.dataset.chimes = String(Number(document.documentElement.dataset.chimes || 0) + 1);
    return true;
  };
  for (const name of ["keydown", "pointerdown"]) document.addEventListener(name, unlock, { capture: true });
  return { unlock, play, running: () => !!context && context.state === "running" };
})();

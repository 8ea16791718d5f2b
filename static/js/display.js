// The hall display: a clock in the office's time, and on every call (or recall) a
// chime, the newest row flashing, and where the office wants it the call said
// aloud in Polish. Sound needs one touch or key after the screen is switched on.
(() => {
  const body = document.body;
  const clock = document.querySelector("[data-clock]");
  if (clock) {
    // The office's time from the server, whatever the display's own clock says.
    const skew = Number(clock.dataset.now) - Date.now();
    const offset = Number(clock.dataset.offset) * 60000;
    const show = () => {
      const t = new Date(Date.now() + skew + offset);
      const hh = String(t.getUTCHours()).padStart(2, "0");
      const mm = String(t.getUTCMinutes()).padStart(2, "0");
      if (clock.textContent !== `${hh}:${mm}`) clock.textContent = `${hh}:${mm}`;
    };
    show();
    setInterval(show, 1000);
  }

  const soundOff = document.querySelector("[data-sound-off]");
  const showSound = () => {
    if (soundOff) soundOff.hidden = !!(window.Chime && window.Chime.running());
  };
  setTimeout(showSound, 500);
  for (const name of ["keydown", "pointerdown"]) document.addEventListener(name, () => setTimeout(showSound, 100));

  const departments = (body.dataset.departments || "").split(",").filter(Boolean);
  const speak = (ticket, desk) => {
    if (!("speechSynthesis" in window) || !body.hasAttribute("data-speech")) return;
    // "Numer K 0 1 3, stanowisko 3": letter by letter, digit by digit.
    const spelled = ticket.split("").join(" ");
    const words = `${body.dataset.sayNumber} ${spelled}, ${body.dataset.sayDesk} ${desk}`;
    const utterance = new SpeechSynthesisUtterance(words);
    utterance.lang = document.documentElement.lang === "pl" ? "pl-PL" : "en-GB";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  };
  const flash = () => {
    const newest = document.querySelector(".display__newest");
    if (!newest) return;
    newest.classList.remove("display__flash");
    void newest.offsetWidth;
    newest.classList.add("display__flash");
  };
  document.addEventListener("okienko:event", (event) => {
    const { name, data } = event.detail;
    if (name !== "called" || !data) return;
    if (departments.length && !departments.includes(data.department_id)) return;
    if (window.Chime) window.Chime.play();
    speak(data.ticket, data.desk);
    body.dataset.lastCall = `${data.ticket}:${data.desk}:${data.recall ? "recall" : "call"}`;
    // The board is fetched again by live.js; flash once the new row is there.
    setTimeout(flash, 600);
  });
})();

// On the desk, shows only the fields the chosen outcome needs (all of them without
// JavaScript, and always those with an error).
(() => {
  const radios = document.querySelectorAll("input[name=outcome]");
  if (!radios.length) return;
  const update = () => {
    const chosen = document.querySelector("input[name=outcome]:checked");
    document.querySelectorAll("[data-outcome]").forEach((field) => {
      const wanted = field.dataset.outcome.split(" ");
      const hasError = field.querySelector(".error-message");
      field.hidden = !hasError && !(chosen && wanted.includes(chosen.value));
    });
  };
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
})();

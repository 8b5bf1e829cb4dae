// On small screens, put a list's filters behind a "Show filters" button so the results come
// first. Without JavaScript (or on wider screens) the filters simply stay visible.
const SMALL_SCREEN = window.matchMedia("(max-width: 40.0525em)");

export function initFilterToggles(root = document) {
  root.querySelectorAll('[data-module="app-filter-toggle"]').forEach((filters) => {
    if (!filters.id) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary app-filters__toggle";
    button.setAttribute("aria-controls", filters.id);
    filters.parentNode.insertBefore(button, filters);

    const show = (visible) => {
      filters.hidden = !visible;
      button.setAttribute("aria-expanded", String(visible));
      button.textContent = visible ? "Hide filters" : "Show filters";
    };
    const fitScreen = () => {
      button.hidden = !SMALL_SCREEN.matches;
      show(!SMALL_SCREEN.matches);
    };
    button.addEventListener("click", () => show(filters.hidden));
    SMALL_SCREEN.addEventListener("change", fitScreen);
    fitScreen();
  });
}

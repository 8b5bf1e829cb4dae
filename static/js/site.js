// Progressive enhancement only: every journey works without this file.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { initFilterToggles } from "./filter-toggle.js";

initAll();
initFilterToggles();

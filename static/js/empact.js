/*
 * EMPACT cycle manager: page start-up. Loaded with `defer` after the vendored ECL script, so the
 * document is parsed when this runs. Everything here is an enhancement: pages work without it.
 */
(function () {
  "use strict";

  // Start the ECL components marked with data-ecl-auto-init (notification close buttons, ...).
  if (window.ECL && typeof window.ECL.autoInit === "function") {
    window.ECL.autoInit();
  }

  // Move the focus to the form error summary, so keyboard and screen reader users land on the
  // list of problems after a failed submission (WCAG 3.3.1).
  var summary = document.querySelector("[data-empact-autofocus]");
  if (summary) {
    summary.focus();
  }
})();

// Accessible names Swagger UI does not give: each parameter's value control (a <select> for a
// choice, an <input> otherwise) is named after its parameter. Re-applied on every re-render.
"use strict";

(function () {
  function nameControls(root) {
    root.querySelectorAll("tr[data-param-name]").forEach(function (row) {
      row.querySelectorAll("select, input, textarea").forEach(function (control) {
        if (!control.hasAttribute("aria-label") && !control.labels?.length) {
          control.setAttribute("aria-label", row.getAttribute("data-param-name"));
        }
      });
    });
  }
  const observer = new MutationObserver(function () {
    nameControls(document);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  nameControls(document);
})();

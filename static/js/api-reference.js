/*
 * The interactive API reference: starts Swagger UI (drf-spectacular-sidecar) on the schema named
 * by the data attributes of #swagger-ui (templates/api/reference.html). A static file rather than
 * drf-spectacular's inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
 */
(function () {
  "use strict";

  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var settings = JSON.parse(root.dataset.settings || "{}");
  var csrfHeader = root.dataset.csrfHeader;
  var csrfToken = root.dataset.csrfToken;

  // "Try it out" with the browser session: Django wants the CSRF token on every change.
  function requestInterceptor(request) {
    var method = (request.method || "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && csrfHeader && csrfToken) {
      request.headers[csrfHeader] = csrfToken;
    }
    return request;
  }

  window.ui = window.SwaggerUIBundle(
    Object.assign(
      {
        url: root.dataset.schemaUrl,
        dom_id: "#swagger-ui",
        presets: [window.SwaggerUIBundle.presets.apis],
        layout: "BaseLayout",
        requestInterceptor: requestInterceptor,
      },
      settings
    )
  );
})();

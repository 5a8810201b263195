// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // After htmx replaces a region, tell assistive technology it is busy, then done.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) { target.setAttribute("aria-busy", "true"); }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target) { target.removeAttribute("aria-busy"); }
  });
})();

// Printing: the print header says when the page was printed, and collapsed details (evidence,
// lists) print open; they close again afterwards. Browsers with ::details-content open them by CSS.
(function () {
  "use strict";
  function stamp() {
    var now = new Date();
    var day = ("0" + now.getDate()).slice(-2) + "." + ("0" + (now.getMonth() + 1)).slice(-2) + "." + now.getFullYear();
    document.querySelectorAll("[data-print-date]").forEach(function (element) {
      element.textContent = "Gedruckt am " + day;
    });
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    stamp();
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", stamp);
  } else {
    stamp();
  }
})();

/* Progressive enhancement only: every page works the same without this file.
   - "Leave this site quickly" replaces this page in the history, so Back does not return here.
   - The first-contact and booking forms show only the fields the chosen way to answer needs.
   - A form sent back with errors moves focus to its error summary.
   - A service's page shows a Print button (without script, the browser's own print prints it the same). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-leave]");
    if (!link) return;
    event.preventDefault();
    window.location.replace(link.href);
  });
  function showForReach() {
    var chosen = document.querySelector("input[name=reach]:checked");
    var reach = chosen ? chosen.value : "";
    document.querySelectorAll("[data-for-reach]").forEach(function (field) {
      var wanted = field.getAttribute("data-for-reach").split(" ");
      field.hidden = reach !== "" && wanted.indexOf(reach) < 0;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var radios = document.querySelectorAll("input[name=reach]");
    radios.forEach(function (radio) { radio.addEventListener("change", showForReach); });
    if (radios.length) showForReach();
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    var summary = document.getElementById("errors");
    if (summary) summary.focus();
  });
})();

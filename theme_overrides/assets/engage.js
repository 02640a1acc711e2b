/* Engage's shell script: the Menu button of the service navigation at narrow widths.
   Progressive enhancement only: without this script the links are always shown.
   The menu is a disclosure in the page flow, not a drawer: it traps nothing, and Escape closes it. */
(function () {
  "use strict";
  var toggle = document.querySelector(".engage-service-navigation__toggle");
  var list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!toggle || !list) return;
  var narrow = window.matchMedia("(max-width: 40.0525em)");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    list.hidden = !open;
  }

  function sync() {
    if (narrow.matches) {
      toggle.hidden = false;
      setOpen(toggle.getAttribute("aria-expanded") === "true");
    } else {
      toggle.hidden = true;
      list.hidden = false;
    }
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || toggle.hidden || toggle.getAttribute("aria-expanded") !== "true") return;
    var inside = list.contains(document.activeElement);
    setOpen(false);
    if (inside || document.activeElement === toggle) toggle.focus();
  });
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  sync();
})();

/* Engage's shell script, progressive enhancement only:
   1. the Menu button of the service navigation at narrow widths (without this script the links
      are always shown). The menu is a disclosure in the page flow, not a drawer: it traps
      nothing, and Escape closes it;
   2. a table's scrolling wrapper takes keyboard focus (to scroll it with the arrow keys) only
      while it really scrolls; otherwise it would be a stop on the Tab walk that does nothing;
   3. a focused control that is only partly on screen (browsers do not scroll one that already
      shows a few pixels) is brought wholly into view, with its focus indicator. */
(function () {
  "use strict";
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (!el || !el.getBoundingClientRect) return;
    var r = el.getBoundingClientRect();
    if (r.height < window.innerHeight - 40 && (r.bottom > window.innerHeight || r.top < 0)) {
      el.scrollIntoView({ block: "nearest" });
    }
  });
})();

(function () {
  "use strict";
  var wraps = document.querySelectorAll(".engage-table-wrap[tabindex]");
  if (!wraps.length) return;
  var saved = [];
  Array.prototype.forEach.call(wraps, function (wrap, i) {
    saved[i] = { role: wrap.getAttribute("role"), label: wrap.getAttribute("aria-label") };
  });
  function update() {
    Array.prototype.forEach.call(wraps, function (wrap, i) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        if (saved[i].role) wrap.setAttribute("role", saved[i].role);
        if (saved[i].label) wrap.setAttribute("aria-label", saved[i].label);
      } else if (wrap !== document.activeElement) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  var queued = false;
  window.addEventListener("resize", function () {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () { queued = false; update(); });
  });
  update();
})();

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

/* Engage: the filter form on upcoming-event listings.
 *
 * Progressive enhancement only. Without this script every filter value still has its own
 * static page (events/<facet>/<value>/) reached from events/filters/. With it, the form
 * (in a panel hidden until now) appears; choosing filters goes to the page of the first one, carrying the others in the
 * address (?topic=housing&access=hearing-loop), and this page's list is narrowed to them.
 * The selected filters and the number of events shown are announced in a live region.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-engage-filters]");
  if (!form || !window.URLSearchParams || !document.querySelectorAll) {
    return;
  }
  var status = document.querySelector("[data-engage-filter-status]");
  var base = form.getAttribute("data-base");
  var pageFacet = form.getAttribute("data-facet");
  var pageValue = form.getAttribute("data-value");
  var total = parseInt(form.getAttribute("data-total"), 10) || 0;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var params = new URLSearchParams(window.location.search);

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
  }

  function labelOf(select) {
    var label = form.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.trim() : select.name;
  }

  function chosen() {
    return selects
      .filter(function (select) { return select.value; })
      .map(function (select) {
        var text = select.options[select.selectedIndex].textContent;
        return {
          facet: select.name,
          value: select.value,
          // "North Ward (3)" -> "North Ward": the count is for the whole calendar.
          words: labelOf(select) + ": " + text.replace(/\s*\(\d+\)\s*$/, "")
        };
      });
  }

  function plural(count) {
    return count + (count === 1 ? " event" : " events");
  }

  // The form starts from what this page shows: its own filter, then any carried in the address.
  selects.forEach(function (select) {
    if (select.name === pageFacet) {
      select.value = pageValue;
    } else if (params.get(select.name) && hasOption(select, params.get(select.name))) {
      select.value = params.get(select.name);
    }
  });

  // Narrow this page's list to the filters the page itself does not apply.
  var selected = chosen();
  var extra = selected.filter(function (c) { return c.facet !== pageFacet; });
  var entries = Array.prototype.slice.call(document.querySelectorAll("[data-filters]"));
  var shown = 0;
  entries.forEach(function (entry) {
    var tokens = " " + entry.getAttribute("data-filters") + " ";
    var match = extra.every(function (c) { return tokens.indexOf(" " + c.facet + ":" + c.value + " ") !== -1; });
    entry.hidden = !match;
    if (match) {
      shown += 1;
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-month-group]"), function (group) {
    group.hidden = !group.querySelector("[data-filters]:not([hidden])");
  });

  if (extra.length) {
    // The page's own count is for its filter alone; the status line gives the narrowed one.
    var count = document.querySelector("[data-engage-count]");
    if (count) {
      count.hidden = true;
    }
    // Moving to another page of this listing keeps the extra filters.
    var query = new URLSearchParams();
    extra.forEach(function (c) { query.append(c.facet, c.value); });
    Array.prototype.forEach.call(document.querySelectorAll(".engage-pager a"), function (link) {
      link.search = "?" + query.toString();
    });
  }

  var panel = document.querySelector("[data-engage-filter-panel]");
  if (panel) {
    // Closed until asked for: on a phone nine open menus would push the events off the screen.
    // The status line below it says which filters are applied.
    panel.hidden = false;
  }

  if (status && selected.length) {
    var words = selected.map(function (c) { return c.words; }).join(", ");
    var summary = extra.length
      ? plural(shown) + " on this page match (" + entries.length + " listed on it)."
      : plural(total) + " coming up.";
    // Set after a pause: screen readers announce changes to a live region, not its first text.
    window.setTimeout(function () {
      status.textContent = "Filters selected: " + words + ". " + summary;
    }, 400);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var picks = chosen();
    if (!picks.length) {
      window.location.href = base;
      return;
    }
    var first = picks[0];
    var rest = new URLSearchParams();
    picks.slice(1).forEach(function (c) { rest.append(c.facet, c.value); });
    var search = rest.toString();
    window.location.href = base + first.facet + "/" + encodeURIComponent(first.value) + "/" + (search ? "?" + search : "");
  });
})();

/* Engage: combining filters on upcoming-event listings.
 *
 * Progressive enhancement only. Without this script every filter value has its own static page
 * (events/<facet>/<value>/), reached from events/filters/, and the page's own filter shows as a
 * tag that removes it. With it, the checkbox form appears: tick several values per kind of
 * filter (any of them matches) and several kinds (all must match). One value goes to its static
 * page; a combination goes to events/?area=a&area=b&access=bsl, where this script loads the
 * compact index of every upcoming date (events/upcoming.json, fetched only then) and lists,
 * counts and pages through the whole matching listing, not just the dates on one static page.
 * The heading, the window title and the removable tags name every filter; a status line
 * (a live region) gives the count. The checkboxes themselves are one small file for the whole
 * site (events/filter-choices.json), drawn here when the form is first opened, or at once when
 * the address carries filters, so a listing page does not carry the same form every time.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-engage-filters]");
  if (!form || !window.URLSearchParams || !window.XMLHttpRequest || !document.querySelectorAll) {
    return;
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var base = form.getAttribute("data-base");
  var root = form.getAttribute("data-root");
  var indexUrl = form.getAttribute("data-index");
  var pageFacet = form.getAttribute("data-facet");
  var pageValue = form.getAttribute("data-value");
  var choicesUrl = form.getAttribute("data-choices");
  var choicesBox = form.querySelector("[data-engage-filter-choices]");
  var boxes = [];
  var selected = [];
  var params = new URLSearchParams(window.location.search);
  var status = document.querySelector("[data-engage-filter-status]");
  var tags = document.querySelector("[data-engage-filter-tags]");
  var offers = document.querySelector("[data-engage-filter-offers]");
  var results = document.querySelector("[data-engage-results]");
  var heading = document.querySelector("[data-engage-heading]");

  function el(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function legendOf(box) {
    var group = box.closest ? box.closest("details") : null;
    var summary = group ? group.querySelector("summary") : null;
    return summary ? summary.textContent.trim() : box.name;
  }

  function pick(box) {
    return {
      facet: box.name, value: box.value, kind: legendOf(box), name: box.getAttribute("data-name"),
      url: box.getAttribute("data-url"), feed: box.getAttribute("data-feed")
    };
  }

  function chosen() {
    return boxes.filter(function (box) { return box.checked; }).map(pick);
  }

  // Where a set of picks lives: none, the whole listing; one, its static page; more, a query.
  function target(picks) {
    if (!picks.length) { return base; }
    if (picks.length === 1) { return root + picks[0].url; }
    var query = new URLSearchParams();
    picks.forEach(function (p) { query.append(p.facet, p.value); });
    return base + "?" + query.toString();
  }

  function byFacet(picks) {
    var out = {};
    var order = [];
    picks.forEach(function (p) {
      if (!out[p.facet]) { out[p.facet] = []; order.push(p.facet); }
      out[p.facet].push(p);
    });
    return { groups: out, order: order };
  }

  function describe(picks) {
    var grouped = byFacet(picks);
    return grouped.order.map(function (facet) {
      var list = grouped.groups[facet];
      return list[0].kind + ": " + list.map(function (p) { return p.name; }).join(" or ");
    }).join("; ");
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function load(url, done) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.onload = function () {
      var data = null;
      if (request.status === 200) {
        try { data = JSON.parse(request.responseText); } catch (ignore) { data = null; }
      }
      done(data);
    };
    request.onerror = request.onload;
    request.send();
  }

  // One kind of filter: its values with upcoming events (and, on a value's own page, that value
  // even when it has none), each a checkbox labelled with its count.
  function drawGroup(group) {
    var details = el("details", { "class": "engage-filter-group", "data-feed": group.feed ? "yes" : "no" });
    details.appendChild(el("summary", {}, group.label));
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", { "class": "engage-visually-hidden" }, group.label));
    var list = el("ul", { "class": "engage-checkboxes" });
    group.options.forEach(function (option) {
      var value = option[0];
      if (!option[2] && !(group.key === pageFacet && value === pageValue)) { return; }
      var id = "engage-filter-" + group.key + "-" + value;
      var attrs = { type: "checkbox", id: id, name: group.key, value: value, "data-name": option[1], "data-url": option[3] };
      if (option[4]) { attrs["data-feed"] = option[4]; }
      var item = el("li");
      item.appendChild(el("input", attrs));
      item.appendChild(el("label", { "for": id }, option[1] + " (" + option[2] + ")"));
      list.appendChild(item);
    });
    fieldset.appendChild(list);
    details.appendChild(fieldset);
    return details;
  }

  var panel = document.querySelector("[data-engage-filter-panel]");
  var requested = false;

  function openForm() {
    if (requested || !choicesBox) { return; }
    requested = true;
    choicesBox.setAttribute("aria-busy", "true");
    choicesBox.appendChild(el("p", {}, "Loading the filters\u2026"));
    load(choicesUrl, function (data) {
      choicesBox.removeAttribute("aria-busy");
      choicesBox.textContent = "";
      if (!data || !data.groups) {
        var note = el("p", {}, "The filters could not be loaded just now. Each filter still has its own page: ");
        var every = document.querySelector(".engage-event-filters p a");
        note.appendChild(el("a", { href: every ? every.getAttribute("href") : base }, "browse every filter"));
        note.appendChild(document.createTextNode("."));
        choicesBox.appendChild(note);
        return;
      }
      data.groups.forEach(function (group) { choicesBox.appendChild(drawGroup(group)); });
      start();
    });
  }

  if (panel) {
    // Closed until asked for: on a phone the checkboxes would push the events off the screen.
    panel.hidden = false;
    panel.addEventListener("toggle", function () { if (panel.open) { openForm(); } });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.location.href = target(chosen());
  });

  function showTags(picks) {
    if (!tags) { return; }
    tags.textContent = "";
    picks.forEach(function (p) {
      var rest = picks.filter(function (q) { return q !== p; });
      var link = el("a", { href: target(rest) });
      link.appendChild(el("span", { "class": "engage-visually-hidden" }, "Remove filter "));
      link.appendChild(document.createTextNode(p.kind + ": " + p.name + " "));
      link.appendChild(el("span", { "aria-hidden": "true" }, "\u00d7"));
      var item = el("li");
      item.appendChild(link);
      tags.appendChild(item);
    });
  }

  // A combination has no page of its own; say which pages and feeds hold its events.
  function showOffers(picks) {
    if (!offers) { return; }
    offers.textContent = "";
    var grouped = byFacet(picks);
    var feeds = picks.filter(function (p) { return p.feed; });
    var text = grouped.order.length === 1 && feeds.length === picks.length
      ? "Each of these has its own page and calendar feed; subscribe to all of them to get exactly these events:"
      : "No single page or calendar feed holds exactly this combination. Each filter has its own page" +
        (feeds.length ? ", and some a calendar feed" : "") + ":";
    offers.appendChild(el("p", {}, text));
    var list = el("ul", { "class": "engage-filter-offers" });
    picks.forEach(function (p) {
      var item = el("li");
      item.appendChild(el("a", { href: root + p.url }, p.kind + ": " + p.name));
      if (p.feed) {
        item.appendChild(document.createTextNode(" ("));
        item.appendChild(el("a", { href: root + p.feed }, "calendar feed"));
        item.appendChild(document.createTextNode(")"));
      }
      list.appendChild(item);
    });
    offers.appendChild(list);
  }

  // Facet values travel as positions in the index's tables: turn each pick into its position.
  function wanted(data, grouped) {
    return grouped.order.map(function (facet) {
      var k = data.facets.indexOf(facet);
      return {
        k: k,
        positions: grouped.groups[facet].map(function (p) { return k === -1 ? -1 : data.values[k].indexOf(p.value); })
      };
    });
  }

  function matches(values, want) {
    return want.every(function (w) {
      var have = w.k === -1 ? [] : values[w.k];
      return w.positions.some(function (pos) { return pos !== -1 && have.indexOf(pos) !== -1; });
    });
  }

  function monthOf(row) {
    return row[3] || row[1].slice(0, 7);
  }

  function monthName(key) {
    var parts = key.split("-");
    return MONTHS[parseInt(parts[1], 10) - 1] + " " + parts[0];
  }

  function longDate(iso) {
    var parts = iso.split("-");
    return parseInt(parts[2], 10) + " " + MONTHS[parseInt(parts[1], 10) - 1] + " " + parts[0];
  }

  function entry(data, row) {
    var ev = data.events[row[0]];
    var item = el("li", { "class": "engage-event" + (ev[6] ? " engage-event--" + ev[6] : "") });
    var title = el("h3", { "class": "engage-event__title" });
    if (ev[6]) {
      title.appendChild(el("strong", { "class": "engage-status" }, ev[6].charAt(0).toUpperCase() + ev[6].slice(1) + ":"));
      title.appendChild(document.createTextNode(" "));
    }
    title.appendChild(el("a", { href: root + "events/" + ev[0] + "/" }, ev[1]));
    item.appendChild(title);
    var facts = el("dl", { "class": "engage-facts" });
    function fact(label, node) {
      var row2 = el("div");
      row2.appendChild(el("dt", {}, label));
      var dd = el("dd");
      dd.appendChild(node);
      row2.appendChild(dd);
      facts.appendChild(row2);
    }
    var when = el("span");
    when.appendChild(el("time", { datetime: row[1] }, row[2]));
    if (row[4]) { when.appendChild(document.createTextNode(" (moved from " + longDate(row[4]) + ")")); }
    fact("When", when);
    fact("Where", document.createTextNode(data.places[ev[2]]));
    fact("Run by", document.createTextNode(data.organisers[ev[3]]));
    fact("Type", document.createTextNode(data.methods[ev[4]]));
    if (ev[5]) { fact("Cost", document.createTextNode(ev[5])); }
    item.appendChild(facts);
    if (ev[8].length || ev[9].length) {
      var access = el("ul", { "class": "engage-tags", "aria-label": "Access" });
      ev[8].forEach(function (i) { access.appendChild(el("li", {}, data.accessLabels[i])); });
      ev[9].forEach(function (i) { access.appendChild(el("li", {}, data.accessLabels[i] + " on request")); });
      item.appendChild(access);
    }
    return item;
  }

  // GOV.UK pagination: first, last, current and its neighbours; an ellipsis for each gap.
  function window_(current, count) {
    var shown = [];
    for (var n = 1; n <= count; n += 1) {
      if (n === 1 || n === count || Math.abs(n - current) <= 1) { shown.push(n); }
    }
    var out = [];
    shown.forEach(function (n) {
      var last = out.length ? out[out.length - 1] : null;
      if (last !== null && n - last === 2) { out.push(n - 1); } else if (last !== null && n - last > 2) { out.push(null); }
      out.push(n);
    });
    return out;
  }

  function pageLink(picks, number) {
    var query = new URLSearchParams();
    picks.forEach(function (p) { query.append(p.facet, p.value); });
    if (number > 1) { query.set("page", String(number)); }
    return base + "?" + query.toString();
  }

  function pager(picks, current, count, label) {
    var nav = el("nav", { "class": "engage-pager", "aria-label": label + " pages" });
    var list = el("ul");
    function link(text, number, attrs) {
      var item = el("li");
      var a = el("a", Object.assign ? Object.assign({ href: pageLink(picks, number) }, attrs || {}) : { href: pageLink(picks, number) }, text);
      item.appendChild(a);
      list.appendChild(item);
    }
    if (current > 1) { link("Previous page", current - 1, { rel: "prev" }); }
    window_(current, count).forEach(function (n) {
      if (n === null) {
        list.appendChild(el("li", { "class": "engage-pager__ellipsis", "aria-hidden": "true" }, "\u22ef"));
      } else {
        link("Page " + n, n, n === current ? { "aria-current": "page" } : {});
      }
    });
    if (current < count) { link("Next page", current + 1, { rel: "next" }); }
    nav.appendChild(list);
    nav.appendChild(el("p", {}, "Page " + current + " of " + count));
    return nav;
  }

  function render(data) {
    var grouped = byFacet(selected);
    var want = wanted(data, grouped);
    var rows = data.dates.filter(function (row) { return matches(data.events[row[0]][7], want); });
    var ids = {};
    rows.forEach(function (row) { ids[row[0]] = true; });
    var eventCount = Object.keys(ids).length;
    var perPage = data.perPage;
    var count = Math.max(1, Math.ceil(rows.length / perPage));
    var current = Math.min(Math.max(parseInt(params.get("page"), 10) || 1, 1), count);
    var start = (current - 1) * perPage;
    var shown = rows.slice(start, start + perPage);
    var words = describe(selected);
    var title = "Upcoming events: " + words + (current > 1 ? ", page " + current + " of " + count : "");
    if (heading) {
      var site = document.title.split(" - ").pop();
      heading.textContent = title;
      document.title = title + " - " + site;
    }
    showTags(selected);
    showOffers(selected);
    // The static page's words about its one filter and its feed no longer describe what is shown.
    Array.prototype.forEach.call(document.querySelectorAll("[data-engage-single-filter]"), function (node) {
      node.hidden = true;
    });
    results.textContent = "";
    var summary = rows.length
      ? plural(eventCount, "event") + (eventCount === 1 ? " matches" : " match") + ", on " + plural(rows.length, "date") +
        (count > 1 ? "; showing dates " + (start + 1) + " to " + (start + shown.length) : "") + "."
      : "No upcoming events match all of these filters. Remove a filter to see more.";
    results.appendChild(el("p", { "class": "engage-count", "data-engage-count": "" }, summary));
    var previousMonth = start > 0 ? monthOf(rows[start - 1]) : null;
    var groupList = null;
    var lastMonth = null;
    shown.forEach(function (row) {
      if (monthOf(row) !== lastMonth) {
        lastMonth = monthOf(row);
        var group = el("div", { "class": "engage-month-group" });
        group.appendChild(el("h2", {}, monthName(lastMonth) + (lastMonth === previousMonth && !groupList ? " (continued)" : "")));
        groupList = el("ul", { "class": "engage-list" });
        group.appendChild(groupList);
        results.appendChild(group);
      }
      groupList.appendChild(entry(data, row));
    });
    if (count > 1) { results.appendChild(pager(selected, current, count, "Upcoming events: " + words)); }
    results.setAttribute("data-engage-filtered", String(eventCount));
    if (status) {
      // The count is on screen above the list; the status line is for screen readers to announce it.
      status.className += " engage-visually-hidden";
      // Set after a pause: screen readers announce changes to a live region, not its first text.
      window.setTimeout(function () { status.textContent = "Filters selected: " + words + ". " + summary; }, 400);
    }
  }

  // The form starts from what this page shows: its own filter, then any carried in the address.
  // A combination (more than the page's own filter) is then listed from the index of every date.
  function start() {
    boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    boxes.forEach(function (box) {
      box.checked = (box.name === pageFacet && box.value === pageValue) || params.getAll(box.name).indexOf(box.value) !== -1;
      if (box.checked && box.closest) {
        var group = box.closest("details.engage-filter-group");
        if (group) { group.open = true; }
      }
    });
    selected = chosen();
    var extra = selected.filter(function (p) { return !(p.facet === pageFacet && p.value === pageValue); });
    if (!extra.length || !results) {
      return;
    }
    results.setAttribute("aria-busy", "true");
    load(indexUrl, function (data) {
      results.removeAttribute("aria-busy");
      if (!data) {
        if (status) { status.textContent = "The filters could not be combined just now. Each filter still has its own page: browse every filter."; }
        return;
      }
      render(data);
    });
  }

  // Filters in the address need their checkboxes (names, pages, feeds) before anything is listed.
  var carried = false;
  params.forEach(function (value, key) { if (key !== "page") { carried = true; } });
  if (carried) { openForm(); }
})();

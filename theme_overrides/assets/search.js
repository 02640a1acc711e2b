/* Engage's site search, loaded by the search page only. It reads search/index.json (shared
   phrases in `terms`; rows of [url, kind, title, summary, date, words, [term numbers]]) and lists the entries in which every typed word
   begins a word; title matches rank first. The count goes to a role="status" region, so screen
   readers announce it. Results are built with textContent: nothing from the index is parsed as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.querySelector("[data-engage-search]");
  var status = document.querySelector("[data-engage-search-status]");
  var results = document.querySelector("[data-engage-search-results]");
  var noscript = document.querySelector("[data-engage-search-noscript]");
  if (!script || !form || !status || !results) return;
  if (noscript) noscript.hidden = true;
  var input = form.querySelector("input[name=q]");
  var root = script.getAttribute("src").replace(/assets\/search\.js$/, "");
  var index = null;
  var STOP = { a: 1, an: 1, and: 1, the: 1, of: 1, "in": 1, on: 1, to: 1, "for": 1, at: 1, with: 1 };
  var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  function fold(text) {
    return (" " + String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ") + " ");
  }

  function terms(query) {
    var all = fold(query).split(" ").filter(Boolean);
    var kept = all.filter(function (t) { return !STOP[t]; });
    return kept.length ? kept : all;
  }

  function prepare(data) {
    return data.rows.map(function (row, order) {
      var shared = (row[6] || []).map(function (n) { return data.terms[n]; }).join(" ");
      return { row: row, order: order, title: fold(row[2]), text: fold(row[2] + " " + row[3] + " " + row[5] + " " + shared) };
    });
  }

  function find(query) {
    var words = terms(query);
    if (!words.length) return [];
    var hits = [];
    index.entries.forEach(function (entry) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var needle = " " + words[i];
        if (entry.text.indexOf(needle) < 0) return;
        if (entry.title.indexOf(needle) >= 0) score += 1;
      }
      hits.push({ entry: entry, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
    return hits.map(function (hit) { return hit.entry.row; });
  }

  function longDate(iso) {
    var p = iso.split("-");
    return Number(p[2]) + " " + months[Number(p[1]) - 1] + " " + p[0];
  }

  function show(query) {
    results.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    var rows = find(query);
    var list = document.createElement("ol");
    list.className = "engage-search-results";
    rows.forEach(function (row) {
      var item = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "engage-search-results__kind";
      kind.textContent = (index.kinds[row[1]] || "") + (row[4] ? ", " + longDate(row[4]) : "");
      var link = document.createElement("a");
      link.className = "engage-search-results__title";
      link.href = root + row[0];
      link.textContent = row[2];
      item.appendChild(link);
      item.appendChild(kind);
      if (row[3]) {
        var summary = document.createElement("p");
        summary.textContent = row[3];
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    if (rows.length) results.appendChild(list);
    var said = rows.length === 0 ? "No results" : rows.length === 1 ? "1 result" : rows.length + " results";
    // Written a moment later, so the region's change is announced even right after page load.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = said + " for \u2018" + query.trim() + "\u2019"; }, 50);
  }

  function run(query) {
    if (index) { show(query); return; }
    status.textContent = "Searching\u2026";
    fetch(script.getAttribute("data-index"))
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) { index = { kinds: data.kinds, entries: prepare(data) }; show(query); })
      .catch(function () { status.textContent = "Sorry, search is not working at the moment. Try the lists of events and records instead."; if (noscript) noscript.hidden = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    var url = new URL(window.location.href);
    url.searchParams.set("q", query);
    window.history.replaceState(null, "", url);
    var header = document.getElementById("engage-header-search");
    if (header) header.value = query;
    run(query);
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  var headerInput = document.getElementById("engage-header-search");
  if (headerInput) headerInput.value = initial;
  if (initial) run(initial);
})();

/* Client-side sorting for Engage's register tables: progressive enhancement only.
   Without JavaScript the register offers static sorted pages instead. Each column header marked
   data-sort gets a button; a cell's data-sort-value (ISO dates, case-folded text) is the key when
   present, else its text. The header's aria-sort tells screen readers the current order. */
(function () {
  "use strict";

  function key(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort-value") || cell.textContent.trim().toLowerCase();
  }

  function sortBy(table, header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var ka = key(a, index), kb = key(b, index);
      var order = ka < kb ? -1 : ka > kb ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      if (!header.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "engage-sort-button";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, header, index); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* cramptext report: the page's one script (its hash is in the Content-Security-Policy).
   It sorts the index table and shows a highlight's details on hover and keyboard focus.
   It only reads the page's own attributes and writes with textContent: no HTML is built. */
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var tipTitle = tip.querySelector(".tip-title");
  var tipBody = tip.querySelector(".tip-body");
  var tipFix = tip.querySelector(".tip-fix");
  var focused = null;
  var hovered = null;

  function place(el) {
    var rects = el.getClientRects();
    var r = rects.length ? rects[0] : el.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.min(Math.max(8, r.left), Math.max(8, document.documentElement.clientWidth - width - 8));
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  function show(el) {
    tipTitle.textContent = el.getAttribute("data-tip-title") || "";
    tipBody.textContent = el.getAttribute("data-tip-body") || "";
    tipFix.textContent = el.getAttribute("data-tip-fix") || "";
    tip.hidden = false;
    el.setAttribute("aria-describedby", "tip");
    place(el);
  }

  function hide(el) {
    if (el) { el.removeAttribute("aria-describedby"); }
    var other = focused || hovered;
    if (other && other !== el) { show(other); } else { tip.hidden = true; }
  }

  function target(node) {
    return node && node.closest ? node.closest("[data-tip-title]") : null;
  }

  document.addEventListener("focusin", function (event) {
    var el = target(event.target);
    if (el && el === event.target) { focused = el; show(el); }
  });
  document.addEventListener("focusout", function (event) {
    if (focused && event.target === focused) { var el = focused; focused = null; hide(el); }
  });
  document.addEventListener("mouseover", function (event) {
    var el = target(event.target);
    if (el !== hovered) {
      var old = hovered;
      hovered = el;
      if (el) { show(el); } else if (old) { hide(old); }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { tip.hidden = true; }
  });

  /* Sortable tables: a button in each header; cells give data-sort values. */
  function sortKey(cell, numeric) {
    var value = cell.getAttribute("data-sort");
    if (value === null) { value = cell.textContent.trim(); }
    if (numeric) { var n = parseFloat(value); return isNaN(n) ? -Infinity : n; }
    return value.toLowerCase();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.classList.contains("num");
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column], numeric);
          var y = sortKey(b.cells[column], numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}());

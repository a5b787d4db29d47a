// A table wider than the page scrolls sideways inside its wrapper (Material's, or our .scroll-x); a keyboard can only scroll
// what can take focus, so such a wrapper joins the tab order (WCAG 2.1.1, checked by axe in the tests).
function focusableScrollwraps() {
  document.querySelectorAll(".md-typeset__scrollwrap, .scroll-x").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
    else wrap.removeAttribute("tabindex");
  });
}
document$.subscribe(focusableScrollwraps);  // Material wraps the tables, then emits document$
window.addEventListener("resize", focusableScrollwraps);

// A search box before a long table (render/downloads.row_filter) hides the rows that do not contain what is typed.
function tableFilters() {
  document.querySelectorAll("input.table-filter").forEach(function (box) {
    var next = box.closest("p, div") || box;
    var table = null;
    for (var el = next.nextElementSibling; el && !table; el = el.nextElementSibling) {
      table = el.matches("table") ? el : el.querySelector("table");
    }
    if (!table) return;
    box.addEventListener("input", function () {
      var wanted = box.value.trim().toLowerCase();
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
      });
    });
  });
}
document$.subscribe(tableFilters);

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

// Search folds a query as the build folded the index (macros/site/search.py, assets/search-fold.js): each Traditional
// character to its Simplified form, each glossary variant to its term, so that 滿意度 finds what 满意度 finds. Material
// sends the query to its search worker as {type: 2, data: the text typed}; the box keeps what was typed.
(function () {
  var fold = window.handbookSearchFold;
  if (!fold || !window.Worker) return;
  var chars = {};
  for (var i = 0; i < fold.from.length; i++) chars[fold.from[i]] = fold.to[i];
  var words = {};
  fold.words.forEach(function (pair) { words[pair[0]] = pair[1]; });
  var variant = fold.words.length ? new RegExp(fold.words.map(function (pair) { return pair[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g") : null;
  // The worker cuts a run of Chinese into words of the index, but never tries the whole run as one word (its loop stops
  // a character short), so 季度报告 was searched as 季度 alone. A character no text uses (〡, a Suzhou numeral) ends
  // each run, so that the run's last word is tried too; it is never a word itself, so it is dropped from the query.
  function folded(text) {
    var simple = text.replace(/[\u4e00-\u9fff]/g, function (c) { return chars[c] || c; });
    simple = variant ? simple.replace(variant, function (w) { return words[w]; }) : simple;
    return simple.replace(/[\u4e00-\u9fff]+/g, function (run) { return run + "\u3021"; });
  }
  // The site holds one index for both editions; Material hands it to the worker as {type: 0, data: {docs, ...}}.
  // A reader searches the edition read: the pages under its folder ("en/"), or, in the edition at the root, the
  // pages under no other edition's folder.
  var folders = fold.editions || {};
  var own = folders[document.documentElement.lang];
  var others = Object.keys(folders).map(function (lang) { return folders[lang]; }).filter(function (f) { return f && f !== own; });
  function inEdition(doc) {
    if (own === undefined) return true;
    return doc.location.indexOf(own) === 0 && !others.some(function (f) { return doc.location.indexOf(f) === 0; });
  }
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && typeof message.data === "string") {
      arguments[0] = {type: 2, data: folded(message.data)};
    } else if (message && message.type === 0 && message.data && Array.isArray(message.data.docs)) {
      arguments[0] = {type: 0, data: Object.assign({}, message.data, {docs: message.data.docs.filter(inEdition)})};
    }
    return post.apply(this, arguments);
  };
})();

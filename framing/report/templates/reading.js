// Reading view: filter documents by group and page through them, 10 at a time.
(function () {
  "use strict";
  var PAGE = 10, page = 0;
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var filter = document.getElementById("doc-filter");
  var info = document.getElementById("page-info");
  function visible() {
    var want = filter ? filter.value : "";
    return docs.filter(function (d) { return !want || d.getAttribute("data-group") === want; });
  }
  function show() {
    var shown = visible(), pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    docs.forEach(function (d) { d.hidden = true; });
    shown.slice(page * PAGE, page * PAGE + PAGE).forEach(function (d) { d.hidden = false; });
    if (info) { info.textContent = "page " + (page + 1) + " of " + pages + " (" + shown.length + " documents)"; }
  }
  function on(id, fn) { var el = document.getElementById(id); if (el) { el.addEventListener("click", fn); } }
  on("prev-page", function () { page -= 1; show(); });
  on("next-page", function () { page += 1; show(); });
  if (filter) { filter.addEventListener("change", function () { page = 0; show(); }); }
  // Evidence links (findings, focus): reveal the target paragraph's document and mark it.
  function reveal(anchor) {
    var el = anchor && document.getElementById(anchor);
    if (!el) { return false; }
    var doc = el.closest("details.doc");
    if (doc) {
      if (filter) { filter.value = ""; }
      page = Math.floor(docs.indexOf(doc) / PAGE); show(); doc.open = true;
    }
    Array.prototype.forEach.call(document.querySelectorAll(".para.evidence-target"),
      function (p) { p.classList.remove("evidence-target"); });
    el.classList.add("evidence-target");
    el.scrollIntoView({block: "center"});
    return true;
  }
  window.addEventListener("hashchange", function () { reveal(location.hash.slice(1)); });
  if (location.hash) { reveal(location.hash.slice(1)); }
  show();
})();

// Reading view: filter documents by group, measure and actor, and page through them, 10 at a time.
// Links set the filters with "#reading?source=X&measure=Y&actor=Z"; evidence links ("#doc-p3") reveal a paragraph.
(function () {
  "use strict";
  var PAGE = 10, page = 0;
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var filter = document.getElementById("doc-filter");
  var measure = document.getElementById("measure-filter");
  var actor = document.getElementById("actor-filter");
  var info = document.getElementById("page-info");
  function has(el, attr, want) {
    var v = el.getAttribute(attr);
    return !!v && v.split("|").indexOf(want) >= 0;
  }
  function matches(p) {
    var m = measure ? measure.value : "", a = actor ? actor.value : "";
    return (!m || has(p, "data-measures", m)) && (!a || has(p, "data-actors", a));
  }
  function narrowed() { return !!((measure && measure.value) || (actor && actor.value)); }
  function visible() {
    var want = filter ? filter.value : "";
    return docs.filter(function (d) {
      if (want && d.getAttribute("data-group") !== want) { return false; }
      return !narrowed() || Array.prototype.some.call(d.querySelectorAll(".para"), matches);
    });
  }
  function mark() {
    var on = narrowed(), hits = 0;
    docs.forEach(function (d) {
      Array.prototype.forEach.call(d.querySelectorAll(".para"), function (p) {
        var hit = on && matches(p);
        p.classList.toggle("filter-hit", hit);
        p.classList.toggle("filter-miss", on && !hit);
        if (hit) { hits += 1; }
      });
      if (on && d.querySelector(".para.filter-hit")) { d.open = true; }
    });
    return hits;
  }
  function show() {
    var shown = visible(), pages = Math.max(1, Math.ceil(shown.length / PAGE)), hits = mark();
    page = Math.min(Math.max(page, 0), pages - 1);
    docs.forEach(function (d) { d.hidden = true; });
    shown.slice(page * PAGE, page * PAGE + PAGE).forEach(function (d) { d.hidden = false; });
    if (info) {
      info.textContent = "page " + (page + 1) + " of " + pages + " (" + shown.length + " documents" +
        (narrowed() ? ", " + hits + " matching paragraphs" : "") + ")";
    }
  }
  function on(id, fn) { var el = document.getElementById(id); if (el) { el.addEventListener("click", fn); } }
  on("prev-page", function () { page -= 1; show(); });
  on("next-page", function () { page += 1; show(); });
  [filter, measure, actor].forEach(function (sel) {
    if (sel) { sel.addEventListener("change", function () { page = 0; show(); }); }
  });
  function choose(sel, value) {
    if (!sel) { return; }
    var exact = "", loose = "";  // an exact value first, else one differing only in case ("Russia" -> "russia")
    Array.prototype.forEach.call(sel.options, function (o) {
      if (o.value === value) { exact = o.value; } else if (!loose && o.value.toLowerCase() === value.toLowerCase()) { loose = o.value; }
    });
    sel.value = exact || loose;
  }
  // "#reading?source=X&measure=Y&actor=Z": set the filters (unknown values mean "all") and go to the view.
  function applyFilters(query) {
    var params = {};
    query.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) { params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
    });
    var group = "";
    Object.keys(params).forEach(function (k) { if (k !== "measure" && k !== "actor") { group = params[k]; } });
    choose(filter, group); choose(measure, params.measure || ""); choose(actor, params.actor || "");
    page = 0; show();
    var first = document.querySelector("details.doc:not([hidden]) .para.filter-hit");
    (first || document.getElementById("reading")).scrollIntoView({block: first ? "center" : "start"});
  }
  // Evidence links (findings, focus, table cells, KWIC): reveal the target paragraph's document and mark it.
  function reveal(anchor) {
    var el = anchor && document.getElementById(anchor);
    if (!el) { return false; }
    var doc = el.closest("details.doc");
    if (doc) {
      if (filter) { filter.value = ""; }
      if (measure) { measure.value = ""; }
      if (actor) { actor.value = ""; }
      page = Math.floor(docs.indexOf(doc) / PAGE); show(); doc.open = true;
    }
    Array.prototype.forEach.call(document.querySelectorAll(".para.evidence-target"),
      function (p) { p.classList.remove("evidence-target"); });
    el.classList.add("evidence-target");
    el.scrollIntoView({block: "center"});
    return true;
  }
  function route() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("reading?") === 0) { applyFilters(hash.slice(8)); } else if (hash) { reveal(decodeURIComponent(hash)); }
  }
  window.addEventListener("hashchange", route);
  show();
  route();
})();

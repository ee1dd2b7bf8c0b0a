/* The search page and header box from file:// (issue #7), on top of offline-search.js.
 *
 * Mounts into [data-offline-search] (or #search) on the search page: a search box with results
 * as you type, facet filters, sort, and the query kept in the URL (?q=...&category=...).
 * Class names follow the hosted page's (css/search.css) so both look alike.
 * Every value from the index is set with textContent: scraped text is never parsed as HTML.
 */
(function () {
  "use strict";

  var FACETS = ["category", "source", "lang", "year"];
  var LABELS = { category: "Category", source: "Source", lang: "Language", year: "Year" };
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 60;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fillParts(node, parts) {
    parts.forEach(function (part) {
      node.appendChild(part.mark ? el("mark", {}, part.text) : document.createTextNode(part.text));
    });
  }

  function languageName(code) {
    try {
      var names = new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" });
      return names.of(code) || code;
    } catch (err) {
      return code; // an old browser without Intl.DisplayNames, or a code it does not know
    }
  }

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", sort: params.get("sort") || "", filters: {} };
    FACETS.forEach(function (f) { state.filters[f] = params.get(f) || ""; });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (f) { if (state.filters[f]) params.set(f, state.filters[f]); });
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    } catch (err) {
      // Some browsers refuse history changes on file:// pages; the form's GET still works.
    }
  }

  function buildForm(root, api, manifest, state) {
    var form = el("form", { "class": "offline-search search-form-main", role: "search", action: api.searchPage });
    form.appendChild(el("label", { "for": "offline-q" }, "Search the archive"));
    var input = el("input", { id: "offline-q", type: "search", name: "q", autocomplete: "off" });
    input.value = state.q;
    form.appendChild(input);
    var box = el("fieldset", { "class": "offline-filters search-filter" });
    // One row of selects that wraps (search.css styles the hosted page's checkbox lists).
    box.style.cssText = "display:flex;flex-wrap:wrap;gap:0.5rem 1.25rem;align-items:center";
    box.appendChild(el("legend", {}, "Filters"));
    var selects = {};
    FACETS.forEach(function (facet) {
      var facetData = manifest.facets[facet];
      var label = el("label", {}, LABELS[facet] + " ");
      var select = el("select", { name: facet });
      select.appendChild(el("option", { value: "" }, "All"));
      facetData.values.forEach(function (value, i) {
        if (!value) return;
        var name = facet === "lang" ? languageName(value) : value;
        var option = el("option", { value: value }, name + " (" + facetData.counts[i] + ")");
        select.appendChild(option);
      });
      select.value = state.filters[facet];
      label.appendChild(select);
      box.appendChild(label);
      selects[facet] = select;
    });
    var sortLabel = el("label", {}, "Sort ");
    var sort = el("select", { name: "sort" });
    sort.appendChild(el("option", { value: "" }, "Best match"));
    sort.appendChild(el("option", { value: "newest" }, "Newest first"));
    sort.appendChild(el("option", { value: "oldest" }, "Oldest first"));
    sort.value = state.sort;
    sortLabel.appendChild(sort);
    box.appendChild(sortLabel);
    form.appendChild(box);
    root.appendChild(form);
    return { form: form, input: input, selects: selects, sort: sort };
  }

  function renderResult(list, record) {
    var item = el("li", { "class": "offline-result search-result" });
    var heading = el("h2", { "class": "search-result-title" });
    var link = el("a", { href: record.url });
    fillParts(link, record.title);
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = [record.date, record.facets.category, record.facets.source].filter(Boolean);
    item.appendChild(el("p", { "class": "offline-meta search-result-meta" }, meta.join(" · ")));
    var text = el("p", { "class": "offline-excerpt search-result-excerpt" });
    fillParts(text, record.excerpt);
    item.appendChild(text);
    list.appendChild(item);
  }

  function mount(root, api, manifest) {
    var state = readState();
    while (root.firstChild) root.removeChild(root.firstChild);
    var ui = buildForm(root, api, manifest, state);
    var status = el("p", { "class": "offline-status search-status", "aria-live": "polite" });
    var list = el("ol", { "class": "offline-results search-results" });
    var more = el("button", { type: "button", "class": "offline-more search-more", hidden: "" }, "More results");
    root.appendChild(status);
    root.appendChild(list);
    root.appendChild(more);
    var generation = 0;
    var current = null;
    var shown = 0;
    var timer = null;

    function showMore() {
      var batch = current.ids.slice(shown, shown + PAGE_SIZE);
      var mine = generation;
      return api.details(current.manifest, batch, current.words).then(function (records) {
        if (mine !== generation) return;
        records.forEach(function (r) { renderResult(list, r); });
        shown += batch.length;
        more.hidden = shown >= current.ids.length;
        root.setAttribute("data-state", "done");
      });
    }

    function run() {
      FACETS.forEach(function (f) { state.filters[f] = ui.selects[f].value; });
      state.q = ui.input.value;
      state.sort = ui.sort.value;
      writeState(state);
      var mine = ++generation;
      root.setAttribute("data-state", "loading");
      return api.search(state.q, { filters: state.filters, sort: state.sort }).then(function (found) {
        if (mine !== generation) return null;
        current = found;
        shown = 0;
        list.textContent = "";
        var n = found.ids.length;
        status.textContent = !state.q.trim() ? "" : n === 1 ? "1 result" : n + " results";
        return showMore();
      }).catch(function (err) {
        status.textContent = "Search failed: " + err.message;
        root.setAttribute("data-state", "error");
      });
    }

    function soon() {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    }
    ui.input.addEventListener("input", soon);
    ui.form.addEventListener("change", run);
    ui.form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    more.addEventListener("click", showMore);
    if (state.q) run(); else root.setAttribute("data-state", "ready");
    ui.input.focus();
  }

  var SUGGESTIONS = 5;

  /* The header box: the best few titles as you type (Enter still opens the search page).
   * Nothing is loaded until the box is used, so browsing pages reads no index. */
  function suggest(form, api) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var list = el("ul", { "class": "offline-suggest", "aria-label": "Best matches", hidden: "" });
    // A dropdown under the box, over the page (site.css has no rules for it: it is offline only).
    list.style.cssText =
      "position:absolute;top:100%;left:0;right:0;z-index:10;list-style:none;margin:0.25rem 0 0;" +
      "padding:0.25rem 0.5rem;background:Canvas;color:CanvasText;border:1px solid;border-radius:0.25rem";
    if (getComputedStyle(form).position === "static") form.style.position = "relative";
    form.appendChild(list);
    var generation = 0;
    var timer = null;
    function run() {
      var mine = ++generation;
      if (!input.value.trim()) { list.hidden = true; return; }
      api.search(input.value).then(function (found) {
        return api.details(found.manifest, found.ids.slice(0, SUGGESTIONS), found.words);
      }).then(function (records) {
        if (mine !== generation) return;
        list.textContent = "";
        records.forEach(function (record) {
          var item = el("li");
          var link = el("a", { href: record.url });
          fillParts(link, record.title);
          item.appendChild(link);
          list.appendChild(item);
        });
        list.hidden = records.length === 0;
        form.setAttribute("data-state", "done");
      }).catch(function (err) {
        // No suggestions then; Enter still opens the search page, which reports the failure.
        list.hidden = true;
        form.setAttribute("data-state", "error");
        form.setAttribute("data-error", err.message);
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") list.hidden = true;
    });
  }

  window.BriefingSearchUI = {
    start: function (api) {
      var root = document.querySelector("[data-offline-search]") || document.getElementById("search");
      // Header boxes submit to the offline search page (a file, not a folder).
      document.querySelectorAll("form[role=search]").forEach(function (form) {
        form.setAttribute("action", api.searchPage);
        form.setAttribute("method", "get");
        if (!root) suggest(form, api);
      });
      if (!root) return;
      api.load("manifest").then(function (manifest) { mount(root, api, manifest); });
    },
  };
})();

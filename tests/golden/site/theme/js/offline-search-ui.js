/* The offline copy's search (issue #7, #13), on top of offline-search.js: the engine that the
 * search page's one UI (search-ui.js, the hosted page's too) drives, and the header box's
 * title suggestions on every other page.
 * Every value from the index is set with textContent: scraped text is never parsed as HTML.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 60;
  // The search page's facet names (search-ui.js) -> the offline index's.
  var FACET_KEYS = { category: "category", source: "source", language: "lang", year: "year" };

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

  function textOf(parts) {
    return parts.map(function (p) { return p.text; }).join("");
  }

  function offlineFilters(filters) {
    var out = {};
    Object.keys(FACET_KEYS).forEach(function (name) {
      if (filters[name]) out[FACET_KEYS[name]] = filters[name];
    });
    return out;
  }

  /* The engine search-ui.js drives: the same three calls as the hosted one (search.js). */
  function engine(api) {
    var current = null;
    return {
      name: "offline",
      search: function (query, filters, sort) {
        return api.search(query, { filters: offlineFilters(filters), sort: sort }).then(function (found) {
          current = found;
          return { total: found.ids.length, hits: found.ids };
        });
      },
      details: function (ids) {
        if (!ids.length) return Promise.resolve([]);
        return api.details(current.manifest, ids, current.words).then(function (records) {
          return records.map(function (r) {
            return {
              url: r.url,
              title: textOf(r.title),
              date: r.date,
              source: r.facets.source,
              category: r.facets.category,
              excerpt: r.excerpt,
            };
          });
        });
      },
      facets: function (query, filters) {
        var options = { filters: offlineFilters(filters), counts: true };
        return api.search(query, options).then(function (found) {
          var out = {};
          if (!found.counts) return out;
          Object.keys(FACET_KEYS).forEach(function (name) {
            var key = FACET_KEYS[name];
            var values = found.manifest.facets[key].values;
            out[name] = {};
            found.counts[key].forEach(function (n, i) { if (values[i]) out[name][values[i]] = n; });
          });
          return out;
        });
      },
    };
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
      if (!root || !window.BriefingSearchPage) return;
      window.BriefingSearchPage.mount(root, engine(api), { debounce: DEBOUNCE_MS });
    },
  };
})();

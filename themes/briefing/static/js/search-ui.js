/* The search page's one UI (issue #13), over either engine:
 *   hosted  theme/js/search.js          Pagefind, over every part of the archive's index
 *   offline theme/js/offline-search*.js the file:// engine of the offline copy
 * The page's markup (templates/search.html) holds the form, the status line, the collapsed
 * filters and the empty result list, so nothing moves when the script starts; this file
 * fills them.  Both engines answer the same calls, every match of the whole archive at once:
 *
 *   engine.search(query, filters, sort) -> {total, hits}      hits: every match, in order
 *   engine.details(hits)  -> [{url, title, date, source, category, excerpt: [{text, mark}]}]
 *   engine.facets(query, filters) -> {facet: {value: count}}  counts among the matches
 *
 * so the count shown is exact, "More results" pages through every match, and both sorts and
 * "Best match" are over the archive.  Every value from an index is set with textContent (or
 * as a text node beside <mark>): scraped text is never parsed as HTML.
 * A classic script, so the offline copy loads it from file:// without a CORS error.
 */
(() => {
  "use strict";

  const FACETS = ["category", "source", "language", "year"];
  const ALIASES = { lang: "language" }; // the offline copy's earlier URL name
  const SORTS = ["", "newest", "oldest"];
  const PAGE_SIZE = 10;
  const MAX_VALUES = 12; // values listed per facet (the selected one always is)

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* One date format on both engines: "27 February 2026", the day as the source dates it. */
  function dateLabel(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    if (!match) return "";
    const [, y, m, d] = match.map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
    });
  }

  function languageName(code) {
    try {
      return new Intl.DisplayNames(["en"], { type: "language" }).of(code) || code;
    } catch (err) {
      return code; // a code the browser does not know
    }
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const state = { q: params.get("q") || "", sort: params.get("sort") || "", filters: {} };
    if (state.sort === "date") state.sort = "newest";
    if (!SORTS.includes(state.sort)) state.sort = "";
    for (const [name, value] of params) {
      const facet = ALIASES[name] || name;
      if (FACETS.includes(facet) && value) state.filters[facet] = value;
    }
    return state;
  }

  function writeState(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const name of FACETS) if (state.filters[name]) params.set(name, state.filters[name]);
    if (state.sort) params.set("sort", state.sort);
    const query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? `?${query}` : ""));
    } catch (err) {
      // Some browsers refuse history changes on file:// pages; the page still works.
    }
  }

  class SearchPage {
    constructor(root, engine, options) {
      this.root = root;
      this.engine = engine;
      this.debounce = options.debounce;
      this.state = readState();
      this.form = root.querySelector(".search-form-main");
      this.input = root.querySelector("#search-q");
      this.sort = root.querySelector("#search-sort");
      this.status = root.querySelector("#search-status");
      this.facetBox = root.querySelector(".search-facets");
      this.facetList = root.querySelector(".search-filters");
      this.list = root.querySelector(".search-results");
      this.more = root.querySelector(".search-more");
      this.run = null; // {id, hits, total, shown}
      this.runId = 0;
      // Words typed while the engine was loading are the query (the URL has none then).
      if (!this.state.q && this.input.value.trim()) {
        this.state.q = this.input.value;
        writeState(this.state); // the URL says the query, as after any other search
      }
      this.input.value = this.state.q;
      this.sort.value = this.state.sort;
      if (Object.keys(this.state.filters).length) this.facetBox.open = true;
      this.listen();
    }

    listen() {
      let timer = null;
      this.input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.update({ q: this.input.value }), this.debounce);
      });
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        clearTimeout(timer);
        this.update({ q: this.input.value });
      });
      this.sort.addEventListener("change", () => this.update({ sort: this.sort.value }));
      this.more.addEventListener("click", () => this.showMore());
      this.facetBox.addEventListener("toggle", () => {
        if (this.facetBox.open) this.renderFacets(this.runId);
      });
    }

    update(change) {
      Object.assign(this.state, change);
      writeState(this.state);
      return this.search();
    }

    async search() {
      const id = ++this.runId;
      const { q, filters, sort } = this.state;
      if (!q.trim()) {
        this.run = null;
        this.list.replaceChildren();
        this.facetList.replaceChildren();
        this.more.hidden = true;
        this.status.textContent = "Type a word to search the archive.";
        this.root.dataset.state = "ready";
        return;
      }
      this.root.dataset.state = "loading";
      this.status.textContent = "Searching…";
      try {
        const found = await this.engine.search(q, filters, sort);
        if (id !== this.runId) return;
        this.run = { id, hits: found.hits, total: found.total, shown: 0 };
        this.list.replaceChildren();
        await this.page();
        if (this.facetBox.open) await this.renderFacets(id);
      } catch (err) {
        if (id !== this.runId) return;
        this.status.textContent = `Search failed: ${err.message}`;
        this.root.dataset.state = "error";
        throw err;
      }
    }

    /* Show the next PAGE_SIZE matches. */
    async page() {
      const run = this.run;
      const batch = run.hits.slice(run.shown, run.shown + PAGE_SIZE);
      const records = await this.engine.details(batch);
      if (run.id !== this.runId) return;
      this.list.append(...records.map((record) => this.item(record)));
      run.shown += batch.length;
      this.more.hidden = run.shown >= run.total;
      const n = run.total;
      this.status.textContent = n === 0 ? "No results." : `${n} result${n === 1 ? "" : "s"}.`;
      this.root.dataset.state = "done";
    }

    async showMore() {
      if (!this.run) return;
      const first = this.run.shown;
      this.root.dataset.state = "loading";
      await this.page();
      this.list.children[first]?.querySelector("a")?.focus();
    }

    item(record) {
      const li = el("li", { class: "search-result" });
      const h = el("h2", { class: "search-result-title" });
      h.appendChild(el("a", { href: record.url, dir: "auto" }, record.title || record.url));
      const meta = el("p", { class: "search-result-meta" });
      const date = dateLabel(record.date);
      if (date) meta.appendChild(el("time", { datetime: record.date.slice(0, 10) }, date));
      else meta.appendChild(el("span", { class: "search-result-undated" }, "Date not stated"));
      for (const text of [record.source, record.category]) {
        if (!text) continue;
        if (meta.childNodes.length) meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("bdi", {}, text));
      }
      const excerpt = el("p", { class: "search-result-excerpt", dir: "auto" });
      for (const part of record.excerpt) {
        excerpt.appendChild(part.mark ? el("mark", {}, part.text) : document.createTextNode(part.text));
      }
      li.append(h, meta, excerpt);
      return li;
    }

    /* The facets with exact counts among the current matches (loaded when the box opens). */
    async renderFacets(id) {
      if (!this.run || id !== this.runId) return;
      const counts = await this.engine.facets(this.state.q, this.state.filters);
      if (id !== this.runId) return;
      const groups = [];
      for (const name of FACETS) {
        const values = Object.entries(counts[name] || {}).filter(([, n]) => n > 0);
        values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        const shown = values.slice(0, MAX_VALUES);
        const selected = this.state.filters[name];
        if (selected && !shown.some(([v]) => v === selected)) shown.push([selected, 0]);
        if (!shown.length) continue;
        groups.push(this.facet(name, shown, selected));
      }
      const focused = document.activeElement?.id;
      this.facetList.replaceChildren(...groups);
      if (focused) document.getElementById(focused)?.focus();
    }

    facet(name, values, selected) {
      const fieldset = el("fieldset", { class: "search-filter" });
      fieldset.appendChild(el("legend", {}, name[0].toUpperCase() + name.slice(1)));
      values.forEach(([value, n], i) => {
        const id = `filter-${name}-${i}`;
        const box = el("input", { type: "checkbox", id, name, value });
        box.checked = value === selected;
        box.addEventListener("change", () => this.toggle(name, value, box.checked));
        const label = el("label", { for: id }, name === "language" ? languageName(value) : value);
        label.appendChild(el("span", { class: "count" }, ` (${n})`));
        const row = el("div", { class: "search-filter-value" });
        row.append(box, label);
        fieldset.appendChild(row);
      });
      return fieldset;
    }

    toggle(name, value, on) {
      const filters = { ...this.state.filters };
      if (on) filters[name] = value;
      else delete filters[name];
      return this.update({ filters });
    }
  }

  window.BriefingSearchPage = {
    facets: FACETS,
    /* Start the page over `engine`; resolves once the URL's query (if any) is shown. */
    mount(root, engine, { debounce = 150 } = {}) {
      const page = new SearchPage(root, engine, { debounce });
      root.dataset.engine = engine.name;
      const first = page.search();
      if (!page.state.q) page.input.focus();
      return first.then(() => page);
    },
  };
})();

/* The hosted search page (issue #6): Pagefind over the archive's month parts.
 *
 * Data written by plugins/pagefind_index under <base> = data-search-base ("/search/"):
 *   parts.json        parts newest first: {id, path, year, month, pages, languages}
 *   route/<hex>.json  word prefix -> indices of the parts holding words with that prefix
 *   pagefind/         Pagefind's runtime and a one-record anchor index (the primary instance,
 *                     so the WebAssembly always comes from one URL)
 *   parts/<id>/       one Pagefind bundle per month
 * A query loads the route shard of each word, then searches only the parts that may match,
 * newest first, a few at a time, stopping once a page of results is found ("Search older
 * months" goes on).  Each part (with each of its languages) is its own Pagefind instance,
 * so sorting by date across parts is exact.
 *
 * Offline hook: from file:// nothing here runs (fetch and module workers cannot read files);
 * the offline engine (theme/js/offline-search.js, issue #7) owns window.BriefingSearch and
 * mounts its own UI into the same [data-offline-search] element.  This script only sets
 * window.BriefingHostedSearch = {available: false} there, and {available: true, search}
 * when hosted, where search(query, {filters, sort}) resolves to the UI's current results.
 *
 * Every value from the index is set with textContent: scraped text is never parsed as HTML.
 * A classic script (not a module) so that file:// pages load it without a CORS error.
 */
(() => {
"use strict";

const FILTERS = ["category", "source", "tag", "language", "kind", "year", "month"];
const LABELS = {
  category: "Category", source: "Source", tag: "Tag", language: "Language",
  kind: "Kind", year: "Year", month: "Month",
};
const PARAM_ALIASES = { lang: "language" }; // the offline UI's URL names
const SORTS = { "": "Best match", newest: "Newest first", oldest: "Oldest first" };
const PAGE_SIZE = 10;
// Parts searched at once, round after round: one at a time first (a common word fills a page
// from the newest part alone, keeping a first query's download small), then more, then 4.
const BATCHES = [1, 1, 2];
const MAX_BATCH = 4;
const SOFT_UNITS = 2; // ...and stop after this many once some results are in
const MAX_VALUES = 12; // filter values shown per filter (plus the selected one)
const DEBOUNCE_MS = 250;
const INSTANCE_CACHE = 24;
// Pagefind's own normalisation of a query (pagefind.js), so route lookups see the same words.
const PF_STRIP = /[.`~!@#$%^&*(){}[\]\\|:;'",<>/?-]/g;

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function hex(text) {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");
}

function unaccent(word) {
  return word.normalize("NFKD").replace(/\p{M}/gu, "");
}

/* The words of a query as the route table knows them: runs of letters and digits. */
function queryWords(query) {
  const normal = query.toLowerCase().replace(PF_STRIP, " ");
  return normal.match(/[\p{L}\p{M}\p{N}_]+/gu) || [];
}

class PartsEngine {
  constructor(base) {
    this.base = base;
    this.manifest = null;
    this.pagefind = null;
    this.shards = new Map();
    this.instances = new Map();
    this.wasmReady = null; // the first instance: it loads the shared WebAssembly module
  }

  async load() {
    const [manifest, pagefind] = await Promise.all([
      fetch(new URL("parts.json", this.base)).then((r) => r.json()),
      import(new URL("pagefind/pagefind.js", this.base).href),
    ]);
    this.manifest = manifest;
    this.pagefind = pagefind;
  }

  async shard(name) {
    if (!this.shards.has(name)) {
      const url = new URL(`route/${name}.json`, this.base);
      this.shards.set(name, fetch(url).then((r) => (r.ok ? r.json() : {})));
    }
    return this.shards.get(name);
  }

  /* Indices of the parts that may hold `word`, or null when any part may. */
  async route(word) {
    const { route_prefix: prefixLen, shard_prefix: shardLen } = this.manifest;
    const chars = [...word];
    // Stemming may change a query word's last letter, so look up one letter less.
    const take = chars.length >= 3 ? Math.min(prefixLen, chars.length - 1) : chars.length;
    if (take < shardLen) return null; // too short to name one shard: any part may hold it
    const found = new Set();
    for (const form of new Set([word, unaccent(word)])) {
      const prefix = [...form].slice(0, take).join("");
      const table = await this.shard(hex([...prefix].slice(0, shardLen).join("")));
      for (const [key, parts] of Object.entries(table)) {
        if (!key.startsWith(prefix)) continue;
        if (parts === "*") return null;
        for (const p of parts) found.add(p);
      }
    }
    return found;
  }

  /* The (part, language) units a search may need, in the order they are searched. */
  async units(query, filters, sort) {
    let allowed = null;
    for (const word of queryWords(query)) {
      const parts = await this.route(word);
      if (parts === null) continue;
      // Pagefind matches pages holding every word: a part must hold them all.
      allowed = allowed === null ? parts : new Set([...allowed].filter((p) => parts.has(p)));
    }
    const units = [];
    this.manifest.parts.forEach((part, index) => {
      if (allowed !== null && !allowed.has(index)) return;
      if (filters.year && part.year !== filters.year) return;
      if (filters.month && part.month !== filters.month) return;
      for (const language of part.languages) units.push({ part, index, language });
    });
    return sort === "oldest" ? units.reverse() : units;
  }

  async instance(unit) {
    const key = `${unit.part.id}/${unit.language}`;
    if (!this.instances.has(key)) {
      const first = this.wasmReady;
      const made = (async () => {
        // Instances share one WebAssembly module; two loading it at once would each
        // instantiate it and the second would pull the memory from under the first.
        if (first) await first.catch(() => {});
        const pf = this.pagefind.createInstance({
          basePath: new URL("pagefind/", this.base).pathname,
          noWorker: true,
        });
        await pf.mergeIndex(new URL(unit.part.path, this.base).pathname, { language: unit.language });
        await pf.filters(); // loads the part's filter chunks, so searches return counts
        return pf;
      })();
      this.instances.set(key, made);
      if (!this.wasmReady) this.wasmReady = made;
      if (this.instances.size > INSTANCE_CACHE) {
        const [oldest, dropped] = this.instances.entries().next().value;
        this.instances.delete(oldest);
        dropped.then((pf) => pf.destroy());
      }
    }
    return this.instances.get(key);
  }

  /* Search one unit; each hit keeps its unit's position so date order stays exact. */
  async searchUnit(unit, position, query, filters, sort) {
    const pf = await this.instance(unit);
    const options = { filters: {} };
    for (const [name, value] of Object.entries(filters)) if (value) options.filters[name] = value;
    if (sort === "newest") options.sort = { date: "desc" };
    if (sort === "oldest") options.sort = { date: "asc" };
    const term = query.trim() ? query : null;
    const found = await pf.search(term, options);
    const hits = found.results.map((result, rank) => ({ result, position, rank }));
    return { hits, filters: found.filters || {} };
  }
}

function byOrder(sort) {
  if (sort) return (a, b) => a.position - b.position || a.rank - b.rank;
  return (a, b) => b.result.score - a.result.score || a.position - b.position;
}

function monthLabel(month) {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-GB", {
    month: "long", year: "numeric", timeZone: "UTC",
  });
}

function dateLabel(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  if (!match) return "";
  const [, y, m, d] = match.map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
}

/* Pagefind excerpts are text with <mark> around matches (and < > escaped): rebuild as nodes. */
function fillExcerpt(node, excerpt) {
  const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  excerpt.split(/(<mark>.*?<\/mark>)/g).forEach((piece) => {
    const match = /^<mark>(.*)<\/mark>$/.exec(piece);
    node.appendChild(match ? el("mark", {}, decode(match[1])) : document.createTextNode(decode(piece)));
  });
}

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") || "", sort: params.get("sort") || "", filters: {} };
  if (state.sort === "date") state.sort = "newest";
  if (!(state.sort in SORTS)) state.sort = "";
  for (const [name, value] of params) {
    const filter = PARAM_ALIASES[name] || name;
    if (FILTERS.includes(filter) && value) state.filters[filter] = value;
  }
  return state;
}

function writeState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of FILTERS) if (state.filters[name]) params.set(name, state.filters[name]);
  if (state.sort) params.set("sort", state.sort);
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? `?${query}` : ""));
}

class SearchUI {
  constructor(root, engine) {
    this.root = root;
    this.engine = engine;
    this.state = readState();
    this.run = null; // the search in progress: {id, units, next, round, hits, filters, shown}
    this.runId = 0;
    this.build();
  }

  build() {
    const form = el("form", { role: "search", class: "search-form-main", action: "" });
    form.appendChild(el("label", { for: "search-q" }, "Search words"));
    this.input = el("input", { id: "search-q", type: "search", name: "q", autocomplete: "off" });
    this.input.value = this.state.q;
    form.appendChild(this.input);
    const sortLabel = el("label", { for: "search-sort" }, "Sort");
    this.sort = el("select", { id: "search-sort", name: "sort" });
    for (const [value, label] of Object.entries(SORTS)) this.sort.appendChild(el("option", { value }, label));
    this.sort.value = this.state.sort;
    form.append(sortLabel, this.sort, el("button", { type: "submit" }, "Search"));
    this.status = el("p", { id: "search-status", class: "search-status", role: "status", "aria-live": "polite" });
    this.filters = el("div", { class: "search-filters", role: "group", "aria-label": "Filters" });
    this.list = el("ol", { class: "search-results", "aria-labelledby": "search-status" });
    this.more = el("button", { type: "button", class: "search-more", hidden: "" }, "More results");
    const layout = el("div", { class: "search-layout" });
    const column = el("div", { class: "search-column" });
    column.append(this.list, this.more);
    layout.append(this.filters, column);
    this.root.append(form, this.status, layout);

    let timer = null;
    this.input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.update({ q: this.input.value }), DEBOUNCE_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      this.update({ q: this.input.value });
    });
    this.sort.addEventListener("change", () => this.update({ sort: this.sort.value }));
    this.more.addEventListener("click", () => this.showMore());
  }

  update(change) {
    Object.assign(this.state, change);
    writeState(this.state);
    return this.search();
  }

  async search() {
    const id = ++this.runId;
    const { q, filters, sort } = this.state;
    const hasFilter = Object.values(filters).some(Boolean);
    if (!q.trim() && !hasFilter) {
      this.run = null;
      this.list.replaceChildren();
      this.filters.replaceChildren();
      this.more.hidden = true;
      this.status.textContent = "Type a word to search the archive.";
      return;
    }
    this.status.textContent = "Searching…";
    const units = await this.engine.units(q, filters, sort);
    if (id !== this.runId) return;
    this.run = { id, units, next: 0, round: 0, hits: [], filters: {}, shown: 0 };
    await this.fill(PAGE_SIZE);
  }

  /* Search further parts until `wanted` hits are known or every part was searched; stop
   * earlier, once SOFT_UNITS parts brought something new, so a word spread thinly over many
   * parts shows its newest results without downloading every part first. */
  async fill(wanted) {
    const run = this.run;
    const { q, filters, sort } = this.state;
    const start = run.next;
    const before = run.hits.length;
    while (run.hits.length < wanted && run.next < run.units.length) {
      if (run.hits.length > before && run.next - start >= SOFT_UNITS) break;
      const size = BATCHES[run.round] || MAX_BATCH;
      run.round += 1;
      const batch = run.units.slice(run.next, run.next + size);
      const found = await Promise.all(
        batch.map((unit, i) => this.engine.searchUnit(unit, run.next + i, q, filters, sort)),
      );
      if (run.id !== this.runId) return;
      run.next += batch.length;
      for (const { hits, filters: counts } of found) {
        run.hits.push(...hits);
        for (const [name, values] of Object.entries(counts)) {
          run.filters[name] = run.filters[name] || {};
          for (const [value, n] of Object.entries(values)) {
            run.filters[name][value] = (run.filters[name][value] || 0) + n;
          }
        }
      }
    }
    run.hits.sort(byOrder(sort));
    await this.render(Math.min(wanted, run.hits.length));
  }

  async showMore() {
    const first = this.run.shown;
    await this.fill(this.run.shown + PAGE_SIZE);
    this.list.children[first]?.querySelector("a")?.focus();
  }

  async render(count) {
    const run = this.run;
    const datas = await Promise.all(run.hits.slice(0, count).map((hit) => hit.result.data()));
    if (run.id !== this.runId) return;
    const words = queryWords(this.state.q);
    this.list.replaceChildren(...datas.map((data) => this.item(data, words)));
    run.shown = count;
    this.renderFilters(run.filters);
    const remaining = run.units.length - run.next;
    this.more.hidden = !(run.hits.length > count || remaining > 0);
    const rest = this.state.sort === "oldest" ? "later" : "earlier";
    this.more.textContent = run.hits.length > count ? "More results" : `Search ${rest} months`;
    this.status.textContent = this.summary(run, remaining);
  }

  summary(run, remaining) {
    const n = run.hits.length;
    const found = n === 0 ? "No results" : `${n} result${n === 1 ? "" : "s"}`;
    if (remaining === 0) return `${found}.`;
    const searched = run.units.slice(0, run.next).map((u) => u.part.month).sort();
    const span = searched.length
      ? ` from ${monthLabel(searched[0])} to ${monthLabel(searched[searched.length - 1])}`
      : "";
    const rest = this.state.sort === "oldest" ? "later" : "earlier";
    return `${found}${span}; ${rest} months not searched yet.`;
  }

  item(data, words) {
    const li = el("li", { class: "search-result" });
    const url = new URL(data.url, location.href);
    for (const word of words) url.searchParams.append("highlight", word);
    const h = el("h2", { class: "search-result-title" });
    h.appendChild(el("a", { href: url.pathname + url.search }, data.meta.title || data.url));
    const meta = el("p", { class: "search-result-meta" });
    const parts = [dateLabel(data.meta.date), data.meta.source, data.meta.category].filter(Boolean);
    parts.forEach((text, i) => {
      if (i) meta.appendChild(document.createTextNode(" · "));
      if (i === 0 && data.meta.date) meta.appendChild(el("time", { datetime: data.meta.date }, text));
      else meta.appendChild(el("span", {}, text));
    });
    const excerpt = el("p", { class: "search-result-excerpt" });
    fillExcerpt(excerpt, data.excerpt || "");
    li.append(h, meta, excerpt);
    return li;
  }

  renderFilters(counts) {
    const groups = [];
    for (const name of FILTERS) {
      const values = Object.entries(counts[name] || {}).filter(([, n]) => n > 0);
      const selected = this.state.filters[name];
      if (selected && !values.some(([v]) => v === selected)) values.push([selected, 0]);
      if (!values.length) continue;
      values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const shown = values.slice(0, MAX_VALUES);
      if (selected && !shown.some(([v]) => v === selected)) shown.push([selected, 0]);
      const fieldset = el("fieldset", { class: "search-filter" });
      fieldset.appendChild(el("legend", {}, LABELS[name]));
      shown.forEach(([value, n], i) => {
        const id = `filter-${name}-${i}`;
        const box = el("input", { type: "checkbox", id, name, value });
        box.checked = value === selected;
        box.addEventListener("change", () => this.toggle(name, value, box.checked));
        const label = el("label", { for: id }, name === "month" ? monthLabel(value) : value);
        label.appendChild(el("span", { class: "count" }, ` (${n})`));
        const row = el("div", { class: "search-filter-value" });
        row.append(box, label);
        fieldset.appendChild(row);
      });
      groups.push(fieldset);
    }
    const focused = document.activeElement?.id;
    this.filters.replaceChildren(...groups);
    if (focused) document.getElementById(focused)?.focus();
  }

  toggle(name, value, on) {
    const filters = { ...this.state.filters };
    if (on) filters[name] = value;
    else delete filters[name];
    return this.update({ filters });
  }
}

async function start() {
  const root = document.querySelector("[data-offline-search]");
  if (location.protocol === "file:") {
    window.BriefingHostedSearch = { available: false };
    return;
  }
  if (!root) return;
  const engine = new PartsEngine(new URL(root.dataset.searchBase || "/search/", location.href));
  try {
    await engine.load();
  } catch (err) {
    root.appendChild(el("p", { role: "alert" }, "Search is not available: its index could not be loaded."));
    throw err;
  }
  const ui = new SearchUI(root, engine);
  window.BriefingHostedSearch = {
    available: true,
    search: (query, { filters = {}, sort = "" } = {}) => ui.update({ q: query, filters, sort }),
  };
  await ui.search();
  if (!ui.state.q) ui.input.focus();
}

start();
})();

/* The hosted search engine (issue #13): Pagefind over the archive's parts (runs of months),
 * written by the pagefind_index plugin under <base>/pagefind/ (base = data-search-base):
 * parts.json lists them newest first, each a Pagefind bundle of its own; the runtime and its
 * WebAssembly sit once beside them.  The page and its controls are theme/js/search-ui.js's;
 * this file answers its three calls over every part at once (docs/SEARCH.md, "Searching the
 * parts"):
 *
 * - search: what a query word matches is decided over the whole archive, not per part.
 *   Pagefind decides per index: the words beginning with it, else the longest word it begins
 *   with, else nothing (the word is left out of the query).  So this file reads each part's
 *   words from the index chunks Pagefind loads (Part), and searches a word only in the parts
 *   holding a word that begins with it; a word no part holds is tried once more without its
 *   last letter (the offline engine's rule), else the query matches nothing.  Every part left
 *   holds every query word, so its Pagefind answer is exact, and the parts' answers added are
 *   the archive's: the count is exact and every match can be paged to.
 *   Order: each page's date rank comes from its part's metadata (the parts are disjoint runs
 *   of months), so "Newest first" and "Oldest first" need no second search.  "Best match"
 *   puts every match on one archive-wide scale: a Pagefind score is, per query word, the
 *   word's IDF in its part times a term frequency of the page alone (ranking pageLength 0),
 *   so each word's score is divided by the word's IDF in the part and multiplied by its IDF
 *   over the whole archive (the parts' page and match counts added): the score one index of
 *   the whole archive gives.  Ties are broken by recency.  A quoted phrase (Pagefind's exact
 *   search, no fallback) is ordered by recency alone.
 * - details: the fragments of the shown page of results only.
 * - facets: the filter counts of the parts holding every word, added, once the filters box is
 *   opened (filter chunks are not part of a first query's download).
 *
 * From file:// this script only sets window.BriefingHostedSearch = {available: false}: the
 * offline copy's own engine (offline-search*.js) drives the same page there.
 * A classic script (not a module), so a page opened from disk logs no CORS error.
 */
(() => {
  "use strict";

  // pageLength 0: a page's term frequency does not depend on its part's average page length,
  // which is what lets the scores of separate parts be put on one scale (see wordHits()).
  const RANKING = { termFrequency: 1, pageLength: 0 };
  // Scores are float32 in Pagefind: after a part's scale is changed to the archive's, equal
  // scores of one index differ in their 6th-7th digit.  Closer than this they are a tie.
  const SCORE_TIE = 1e-5;
  // Pagefind's own normalisation of a query (pagefind.js), so highlight words match it.
  const PF_STRIP = /[.`~!@#$%^&*(){}[\]\\|:;'",<>/?-]/g;
  // The characters Pagefind drops from a query before it looks words up (pagefind.js).
  const PF_PUNCTUATION = /^[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]$/u;
  const PHRASE = /^\s*".+"\s*$/;

  function queryWords(query) {
    const normal = query.toLowerCase().replace(PF_STRIP, " ");
    return normal.match(/[\p{L}\p{M}\p{N}_]+/gu) || [];
  }

  /* The query's words as Pagefind looks them up in its index: punctuation dropped, lower
   * case, accents removed (its normalizeDiacritics), split on spaces. */
  function indexTerms(query) {
    const kept = Array.from(query, (ch) => (PF_PUNCTUATION.test(ch) ? "" : ch.toLocaleLowerCase()));
    const term = kept.join("").normalize("NFD").replace(/\p{M}/gu, "").replace(/\s+/g, " ").trim();
    return term ? term.split(" ") : [];
  }

  /* Pagefind excerpts are text with <mark> around matches (and < > & escaped): as parts. */
  function excerptParts(excerpt) {
    const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    return excerpt.split(/(<mark>.*?<\/mark>)/g).filter(Boolean).map((piece) => {
      const match = /^<mark>(.*)<\/mark>$/.exec(piece);
      return { text: decode(match ? match[1] : piece), mark: Boolean(match) };
    });
  }

  function pagefindFilters(filters) {
    const out = {};
    for (const [name, value] of Object.entries(filters)) if (value) out[name] = value;
    return out;
  }

  /* Pagefind's IDF of a word in pages of which `matching` hold it (pagefind_web's formula). */
  function idf(pages, matching) {
    return Math.log((pages - matching + 0.5) / (matching + 0.5) + 1);
  }

  /* One part of the index: its Pagefind instance, and what its files say once loaded: the
   * pages' date ranks, the word chunks' first and last words, and the chunks Pagefind has
   * loaded so far (their words are the words its own search looks at). */
  class Part {
    constructor(row, bundle) {
      this.path = new URL(row.path, bundle).pathname;
      this.pages = row.pages;
      this.pagefind = null;
      this.offset = 0; // pages in the older parts: this part's dates rank above them
      this.chunks = [];
      this.order = new Map();
      this.loaded = new Map(); // chunk hash -> its bytes
      this.reading = [];
    }

    /* A file Pagefind fetched: the metadata, or a word chunk ("index/<hash>.pf_index"). */
    read(name, response) {
      // Pagefind's files, decoded (theme/js/search-index-files.js).
      const { unpack, readMetadata } = window.BriefingPagefindFiles;
      this.reading.push(unpack(response).then((bytes) => {
        if (name.endsWith(".pf_meta")) Object.assign(this, readMetadata(bytes));
        else this.loaded.set(name.replace(/^.*\/|\.pf_index$/g, ""), bytes);
      }));
    }

    async settled() {
      while (this.reading.length) await Promise.all(this.reading.splice(0));
    }

    /* Load every chunk that may hold a word beginning with `term`: its own and the next ones
     * whose first word begins with it. */
    async load(term) {
      const starts = this.chunks.filter((chunk) => chunk.from.startsWith(term)).map((chunk) => chunk.from);
      await Promise.all([term, ...starts].map((word) => this.pagefind.preload(word)));
      await this.settled();
    }

    /* Whether a word of the loaded chunks begins with `term`: a chunk's first or last word
     * does, or, in the one chunk whose words run past it, the first word not before it. */
    holds(term) {
      const { firstWordFrom } = window.BriefingPagefindFiles;
      return this.chunks.some((chunk) => {
        const bytes = this.loaded.get(chunk.hash);
        if (!bytes) return false;
        if (chunk.from.startsWith(term) || chunk.to.startsWith(term)) return true;
        if (!(chunk.from < term && term < chunk.to)) return false;
        const word = firstWordFrom(bytes, term);
        return word !== null && word.startsWith(term);
      });
    }

    rank(id) {
      return this.offset + (this.order.has(id) ? this.order.get(id) : -1);
    }
  }

  /* Every part fetches "<part>/wasm.<language>.pagefind": the same file, sent once.  A part's
   * metadata and word chunks are read as they arrive (Part.read); every other fetch is
   * untouched. */
  function watchFetches(wasmUrl, parts) {
    const fetchOnce = window.fetch.bind(window);
    let download = null;
    window.fetch = (input, init) => {
      const url = new URL(typeof input === "string" ? input : input.url || String(input), location.href);
      if (/\/wasm\.[\w-]+\.pagefind$/.test(url.pathname)) {
        download = download || fetchOnce(wasmUrl.href);
        return download.then((response) => response.clone());
      }
      const file = /\.pf_(meta|index)$/.test(url.pathname);
      const part = file && parts.find((p) => url.pathname.startsWith(p.path));
      if (!part) return fetchOnce(input, init);
      return fetchOnce(input, init).then((response) => {
        if (response.ok) part.read(url.pathname, response.clone());
        return response;
      });
    };
  }

  class PagefindEngine {
    constructor(base, root) {
      this.name = "pagefind";
      this.bundle = new URL("pagefind/", base);
      this.root = root; // result URLs are relative to the site's root
      this.parts = [];
      this.pages = 0;
      this.filtersLoaded = null;
      this.words = [];
      this.planned = { query: null, plan: null };
    }

    async load() {
      const manifest = await (await fetch(new URL("parts.json", this.bundle))).json();
      this.parts = manifest.parts.map((row) => new Part(row, this.bundle));
      watchFetches(new URL(`wasm.${manifest.language}.pagefind`, this.bundle), this.parts);
      const runtime = await import(new URL("pagefind.js", this.bundle).href);
      const open = async (part) => {
        const options = { basePath: part.path, baseUrl: this.root.pathname };
        part.pagefind = runtime.createInstance({ ...options, noWorker: true });
        await part.pagefind.options({ ...options, ranking: RANKING });
        await part.pagefind.init();
        await part.settled();
      };
      // The first part instantiates the WebAssembly; the others then share it (in parallel).
      const [first, ...rest] = this.parts;
      await open(first);
      await Promise.all(rest.map(open));
      for (const part of this.parts.slice().reverse()) {
        part.offset = this.pages;
        this.pages += part.pages;
      }
    }

    each(call) {
      return Promise.all(this.parts.map((part) => call(part.pagefind)));
    }

    /* What the query matches over the archive: {exact, terms, parts} (the parts holding every
     * term), or null when a word matches nothing. */
    async plan(query) {
      if (this.planned.query !== query) this.planned = { query, plan: this.resolve(query) };
      return this.planned.plan;
    }

    async resolve(query) {
      const terms = indexTerms(query);
      if (!terms.length) return null;
      if (PHRASE.test(query)) return { exact: true, terms, parts: this.parts };
      const held = await Promise.all(terms.map((term) => this.held(term)));
      const resolved = await Promise.all(terms.map(async (term, i) => {
        if (held[i]) return term;
        const shorter = term.length >= 3 ? term.slice(0, -1) : null;
        return shorter && (await this.held(shorter)) ? shorter : null;
      }));
      if (resolved.includes(null)) return null;
      const parts = this.parts.filter((part) => resolved.every((term) => part.holds(term)));
      return { exact: false, terms: resolved, parts };
    }

    /* Whether any part holds a word beginning with `term` (its chunks loaded first). */
    async held(term) {
      await Promise.all(this.parts.map((part) => part.load(term)));
      return this.parts.some((part) => part.holds(term));
    }

    async search(query, filters, sort) {
      this.words = queryWords(query);
      const plan = await this.plan(query);
      const options = { filters: pagefindFilters(filters) };
      const hits = !plan ? [] : plan.exact ? await this.phraseHits(query, options) : await this.wordHits(plan, options);
      const newest = (a, b) => b.rank - a.rank;
      if (sort === "newest") hits.sort(newest);
      else if (sort === "oldest") hits.sort((a, b) => a.rank - b.rank);
      else {
        hits.sort((a, b) => {
          const tie = Math.abs(b.score - a.score) <= SCORE_TIE * Math.max(Math.abs(a.score), Math.abs(b.score));
          return tie ? newest(a, b) : b.score - a.score;
        });
      }
      return { total: hits.length, hits };
    }

    hit(part, result, score) {
      return { data: result.data, score, rank: part.rank(result.id) };
    }

    async phraseHits(query, options) {
      const found = await this.each((pf) => pf.search(query, options));
      return found.flatMap((f, i) => f.results.map((result) => this.hit(this.parts[i], result, 0)));
    }

    /* Per word, every part holding it is searched (its count is part of the word's IDF over
     * the archive); the parts holding every word give the matches, each word's score put on
     * the archive's scale and added. */
    async wordHits(plan, options) {
      const perTerm = [];
      for (const term of plan.terms) {
        const found = await Promise.all(
          this.parts.map((part) => (part.holds(term) ? part.pagefind.search(term, options) : null)),
        );
        const matching = found.reduce((sum, f) => sum + (f ? f.unfilteredResultCount : 0), 0);
        perTerm.push({ found, archive: idf(this.pages, matching) });
      }
      const hits = [];
      this.parts.forEach((part, i) => {
        if (!plan.parts.includes(part)) return;
        let scores = null; // page id -> {result, score}
        for (const { found, archive } of perTerm) {
          const scale = archive / idf(part.pages, found[i].unfilteredResultCount);
          const next = new Map();
          for (const result of found[i].results) {
            const before = scores ? scores.get(result.id) : { score: 0 };
            if (before) next.set(result.id, { result, score: before.score + result.score * scale });
          }
          scores = next;
        }
        for (const { result, score } of scores.values()) hits.push(this.hit(part, result, score));
      });
      return hits;
    }

    async details(hits) {
      const datas = await Promise.all(hits.map((hit) => hit.data()));
      return datas.map((data) => {
        const url = new URL(data.url, location.href);
        for (const word of this.words) url.searchParams.append("highlight", word);
        return {
          url: url.pathname + url.search,
          title: data.meta.title || data.url,
          date: data.meta.date || "",
          source: data.meta.source || "",
          category: data.meta.category || "",
          excerpt: excerptParts(data.excerpt || ""),
        };
      });
    }

    async facets(query, filters) {
      this.filtersLoaded = this.filtersLoaded || this.each((pf) => pf.filters());
      await this.filtersLoaded;
      const plan = await this.plan(query);
      if (!plan) return {};
      const text = plan.exact ? query : plan.terms.join(" ");
      const options = { filters: pagefindFilters(filters) };
      const found = await Promise.all(plan.parts.map((part) => part.pagefind.search(text, options)));
      const counts = {};
      for (const f of found) {
        for (const [facet, values] of Object.entries(f.filters || {})) {
          counts[facet] = counts[facet] || {};
          for (const [value, n] of Object.entries(values)) counts[facet][value] = (counts[facet][value] || 0) + n;
        }
      }
      return counts;
    }
  }

  async function start() {
    const root = document.querySelector("[data-search-page]");
    if (location.protocol === "file:") {
      window.BriefingHostedSearch = { available: false };
      return;
    }
    if (!root || !window.BriefingSearchPage) return;
    const base = new URL(root.dataset.searchBase || "/search/", location.href);
    const engine = new PagefindEngine(base, new URL(root.dataset.siteRoot || "/", location.href));
    try {
      await engine.load();
    } catch (err) {
      root.querySelector("#search-status").textContent = "Search is not available: its index could not be loaded.";
      root.dataset.state = "error";
      throw err;
    }
    const page = await window.BriefingSearchPage.mount(root, engine, { debounce: 250 });
    window.BriefingHostedSearch = {
      available: true,
      search: (query, { filters = {}, sort = "" } = {}) => page.update({ q: query, filters, sort }),
    };
  }

  start();
})();

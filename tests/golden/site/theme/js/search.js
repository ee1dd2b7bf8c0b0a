/* The hosted search engine (issue #13): Pagefind over the archive's parts (runs of months),
 * written by the pagefind_index plugin under <base>/pagefind/ (base = data-search-base):
 * parts.json lists them newest first, each a Pagefind bundle of its own; the runtime and its
 * WebAssembly sit once beside them.  The page and its controls are theme/js/search-ui.js's;
 * this file answers its three calls over every part at once:
 *
 * - search: every part is searched completely (no fragment is loaded), so the count is the
 *   exact number of matches in the archive and every match can be paged to.  "Newest first"
 *   and "Oldest first" concatenate the parts' date-sorted answers in period order (the parts
 *   are disjoint runs of months).  "Best match" puts every match on one archive-wide scale:
 *   a Pagefind score is, per query word, the word's IDF in its part times a term frequency
 *   that depends on the page only (ranking pageLength 0), so each word's score is divided by
 *   the word's IDF in the part and multiplied by its IDF over the whole archive (the parts'
 *   page and match counts added): the score one index of the whole archive would give.
 *   Ties are broken by recency.  A quoted phrase scores 1 on every match (Pagefind's rule):
 *   recency alone orders it.
 * - details: the fragments of the shown page of results only.
 * - facets: the parts' exact filter counts added, once the filters box is opened (filter
 *   chunks are not part of a first query's download).
 *
 * From file:// this script only sets window.BriefingHostedSearch = {available: false}: the
 * offline copy's own engine (offline-search*.js) drives the same page there.
 * A classic script (not a module), so a page opened from disk logs no CORS error.
 */
(() => {
  "use strict";

  // pageLength 0: a page's term frequency does not depend on its part's average page length,
  // which is what lets the scores of separate parts be put on one scale (see search()).
  const RANKING = { termFrequency: 1, pageLength: 0 };
  // Scores are float32 in Pagefind: after a part's scale is changed to the archive's, equal
  // scores of one index differ in their 6th-7th digit.  Closer than this they are a tie.
  const SCORE_TIE = 1e-5;
  // Pagefind extends a word only with the longer words of the index chunks it loads for it
  // ("after" misses "afternoon" when that word sits in the next chunk).  Loading the chunk
  // where the words beginning with it end as well (a key above every letter of the scripts
  // we index) matches every such word, as the offline engine does.
  const PREFIX_END = "\u9fff\u9fff";
  // Pagefind's own normalisation of a query (pagefind.js), so highlight words match it.
  const PF_STRIP = /[.`~!@#$%^&*(){}[\]\\|:;'",<>/?-]/g;

  function queryWords(query) {
    const normal = query.toLowerCase().replace(PF_STRIP, " ");
    return normal.match(/[\p{L}\p{M}\p{N}_]+/gu) || [];
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

  /* Every part fetches "<part>/wasm.<language>.pagefind": the same file, sent once.  Only
   * the WebAssembly is answered from the first download; every other fetch is untouched. */
  function shareWebAssembly(wasmUrl) {
    const fetchOnce = window.fetch.bind(window);
    let download = null;
    window.fetch = (input, init) => {
      const url = typeof input === "string" ? input : input.url || String(input);
      if (!/\/wasm\.[\w-]+\.pagefind$/.test(new URL(url, location.href).pathname)) return fetchOnce(input, init);
      download = download || fetchOnce(wasmUrl.href);
      return download.then((response) => response.clone());
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
    }

    async load() {
      const manifest = await (await fetch(new URL("parts.json", this.bundle))).json();
      shareWebAssembly(new URL(`wasm.${manifest.language}.pagefind`, this.bundle));
      const runtime = await import(new URL("pagefind.js", this.bundle).href);
      const open = async (part) => {
        const basePath = new URL(part.path, this.bundle).pathname;
        const instance = runtime.createInstance({ basePath, baseUrl: this.root.pathname, noWorker: true });
        await instance.options({ basePath, baseUrl: this.root.pathname, ranking: RANKING });
        await instance.init();
        return { pagefind: instance, pages: part.pages };
      };
      // The first part instantiates the WebAssembly; the others then share it (in parallel).
      const [first, ...rest] = manifest.parts;
      this.parts = [await open(first)];
      this.parts.push(...(await Promise.all(rest.map(open))));
      this.pages = this.parts.reduce((sum, part) => sum + part.pages, 0);
    }

    each(call) {
      return Promise.all(this.parts.map((part) => call(part.pagefind)));
    }

    async search(query, filters, sort) {
      this.words = queryWords(query);
      await this.each((pf) => Promise.all(this.words.map((word) => pf.preload(word + PREFIX_END))));
      const options = { filters: pagefindFilters(filters) };
      const dated = await this.each((pf) => pf.search(query, { ...options, sort: { date: sort === "oldest" ? "asc" : "desc" } }));
      const inOrder = (sort === "oldest" ? dated.slice().reverse() : dated).flatMap((found) => found.results);
      if (sort) return { total: inOrder.length, hits: inOrder };
      const scores = await this.archiveScores(query, options);
      const recency = new Map(inOrder.map((result, i) => [result.id, i]));
      const hits = inOrder.slice().sort((a, b) => {
        const [x, y] = [scores.get(a.id) || 0, scores.get(b.id) || 0];
        const tie = Math.abs(y - x) <= SCORE_TIE * Math.max(Math.abs(x), Math.abs(y));
        return tie ? recency.get(a.id) - recency.get(b.id) : y - x;
      });
      return { total: hits.length, hits };
    }

    /* Each match's score on the archive-wide scale (page id -> score): per query word, the
     * part's score divided by the word's IDF in that part, times its IDF over the archive.
     * One word: the query's own search; several: a search per word (same chunks, loaded). */
    async archiveScores(query, options) {
      const scores = new Map();
      if (/^\s*".+"\s*$/.test(query) || !this.words.length) return scores; // phrases: all 1
      const terms = this.words.length === 1 ? [query] : this.words;
      for (const term of terms) {
        const found = await this.each((pf) => pf.search(term, options));
        const matching = found.reduce((sum, f) => sum + f.unfilteredResultCount, 0);
        const archive = idf(this.pages, matching);
        found.forEach((f, i) => {
          const part = idf(this.parts[i].pages, f.unfilteredResultCount);
          for (const result of f.results) {
            scores.set(result.id, (scores.get(result.id) || 0) + (result.score / part) * archive);
          }
        });
      }
      return scores;
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
      const found = await this.each((pf) => pf.search(query, { filters: pagefindFilters(filters) }));
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

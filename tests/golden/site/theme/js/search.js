/* The hosted search engine (issue #13): Pagefind over one index of the whole archive,
 * written by the pagefind_index plugin under <base>/pagefind/ (base = data-search-base).
 * The page and its controls are theme/js/search-ui.js's; this file answers its three calls.
 *
 * - search: Pagefind returns every match with a score (cheap: no fragment is loaded yet), so
 *   the count is exact and every match can be paged to.  "Best match" ranks by where the
 *   words are (ranking options below: a headline match weighs 10x a body match, how often a
 *   word repeats or how long the page is does not count) and breaks ties by recency, from a
 *   second, date-sorted search over the same loaded chunks.
 * - details: the fragments of the shown page of results only.
 * - facets: Pagefind's exact filter counts, once the filters box is opened (its filter
 *   chunks are not part of a first query's download).
 *
 * From file:// this script only sets window.BriefingHostedSearch = {available: false}: the
 * offline copy's own engine (offline-search*.js) drives the same page there.
 * A classic script (not a module), so a page opened from disk logs no CORS error.
 */
(() => {
  "use strict";

  // termFrequency 0: a word counts once per page, at the weight of its heaviest place
  // (headline 10, translation titles 5, body 1); pageLength 0: long pages are not penalised.
  const RANKING = { termFrequency: 0, pageLength: 0 };
  const SCORE_EPSILON = 1e-6;
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

  class PagefindEngine {
    constructor(base, root) {
      this.name = "pagefind";
      this.bundle = new URL("pagefind/", base);
      this.root = root; // result URLs are relative to the site's root
      this.pagefind = null;
      this.filtersLoaded = null;
      this.words = [];
    }

    async load() {
      this.pagefind = await import(new URL("pagefind.js", this.bundle).href);
      await this.pagefind.options({
        basePath: this.bundle.pathname,
        baseUrl: this.root.pathname,
        noWorker: true,
        ranking: RANKING,
      });
      await this.pagefind.init();
    }

    async search(query, filters, sort) {
      this.words = queryWords(query);
      await Promise.all(this.words.map((word) => this.pagefind.preload(word + PREFIX_END)));
      const options = { filters: pagefindFilters(filters) };
      if (sort) {
        const found = await this.pagefind.search(query, { ...options, sort: { date: sort === "oldest" ? "asc" : "desc" } });
        return { total: found.results.length, hits: found.results };
      }
      const [ranked, dated] = await Promise.all([
        this.pagefind.search(query, options),
        this.pagefind.search(query, { ...options, sort: { date: "desc" } }),
      ]);
      const recency = new Map(dated.results.map((result, i) => [result.id, i]));
      const hits = ranked.results.slice().sort((a, b) => {
        const diff = b.score - a.score;
        return Math.abs(diff) > SCORE_EPSILON ? diff : recency.get(a.id) - recency.get(b.id);
      });
      return { total: hits.length, hits };
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
      this.filtersLoaded = this.filtersLoaded || this.pagefind.filters();
      await this.filtersLoaded;
      const found = await this.pagefind.search(query, { filters: pagefindFilters(filters) });
      return found.filters || {};
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

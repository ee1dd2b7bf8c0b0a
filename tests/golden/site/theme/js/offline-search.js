/* Offline search for the archive opened from disk (file://), issue #7.
 *
 * Browsers block fetch, ES modules, WebAssembly and workers on file:// pages, so the index is
 * split into classic scripts (written by the offline_search plugin) that each call
 * BriefingSearch.register(key, data); this file loads only the shards a query needs.
 * Only offlineconf.py builds include it; the hosted site searches with Pagefind instead.
 * Untrusted text (titles, bodies) only ever goes into the page through textContent.
 */
(function () {
  "use strict";

  var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var FACETS = ["category", "source", "lang", "year"];
  var MAX_SHARDS_PER_TERM = 3; // a one-letter prefix would otherwise pull a whole letter in
  var EXCERPT_WORDS = 30;

  var me = document.currentScript;
  var api = window.BriefingSearch || {};
  window.BriefingSearch = api;
  var store = {};
  var pending = {};
  var loaded = []; // every shard URL this page loaded, in order (the benchmark reads it)

  var rootUrl = new URL(me.getAttribute("data-root") || "./", document.baseURI).href;
  // data-root and data-index are relative to the page (they carry Pelican's relative SITEURL).
  var indexAttr = me.getAttribute("data-index");
  var indexUrl = (indexAttr ? new URL(indexAttr, document.baseURI) : new URL("search-offline/", rootUrl)).href;

  /* Called by every shard file. */
  api.register = function (key, data) {
    store[key] = data;
  };

  function load(key) {
    if (Object.prototype.hasOwnProperty.call(store, key)) return Promise.resolve(store[key]);
    if (pending[key]) return pending[key];
    pending[key] = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = indexUrl + key + ".js";
      tag.charset = "utf-8";
      tag.onload = function () {
        loaded.push(tag.src);
        if (Object.prototype.hasOwnProperty.call(store, key)) resolve(store[key]);
        else reject(new Error("search shard " + key + " did not register"));
      };
      tag.onerror = function () {
        delete pending[key];
        reject(new Error("search shard " + key + " could not be loaded"));
      };
      document.head.appendChild(tag);
    });
    return pending[key];
  }

  /* The same rule as the offline_search plugin/index.py:tokens(). */
  function fold(text) {
    return text.normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "");
  }
  function tokens(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (t) {
      return t.length <= 32;
    });
  }

  function decodeIds(text) {
    var ids = [];
    var previous = -1, gap = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var value = ALPHABET.indexOf(text.charAt(i));
      gap += (value & 31) * Math.pow(2, shift);
      if (value >= 32) { shift += 5; continue; }
      previous += gap + 1;
      ids.push(previous);
      gap = 0; shift = 0;
    }
    return ids;
  }

  /* Index of the term shard whose first term is the last one <= term. */
  function shardFor(firsts, term) {
    var lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /* Score per doc for one typed term: exact beats prefix, title beats body.  A term no word
   * begins with is tried once more without its last letter, as Pagefind does (search.js). */
  function matchTerm(manifest, term) {
    return matchPrefix(manifest, term).then(function (found) {
      if (found.words.length || term.length < 3) return found;
      return matchPrefix(manifest, term.slice(0, -1));
    });
  }

  function matchPrefix(manifest, term) {
    var first = shardFor(manifest.terms, term);
    var keys = ["t/" + first];
    for (var j = first + 1; j < manifest.terms.length && keys.length < MAX_SHARDS_PER_TERM; j++) {
      if (manifest.terms[j].lastIndexOf(term, 0) !== 0) break;
      keys.push("t/" + j);
    }
    return Promise.all(keys.map(load)).then(function (shards) {
      var scores = new Map();
      var words = [];
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (word) {
          if (word.lastIndexOf(term, 0) !== 0) return;
          words.push(word);
          var exact = word === term;
          var parts = shard[word].split("|");
          // Headline, body, translation titles: the hosted index's weights 10, 1 and 5.
          add(scores, decodeIds(parts[0]), exact ? 12 : 8);
          add(scores, decodeIds(parts[1]), exact ? 3 : 2);
          if (parts.length > 2) add(scores, decodeIds(parts[2]), exact ? 6 : 4);
        });
      });
      return { scores: scores, words: words };
    });
  }
  function add(scores, ids, weight) {
    for (var i = 0; i < ids.length; i++) {
      var old = scores.get(ids[i]) || 0;
      if (weight > old) scores.set(ids[i], weight);
    }
  }

  function facetCode(columns, facet, id) {
    var column = columns[facet];
    var width = column.length / columnsDocs(columns);
    if (width === 1) return ALPHABET.indexOf(column.charAt(id));
    return ALPHABET.indexOf(column.charAt(2 * id)) * 64 + ALPHABET.indexOf(column.charAt(2 * id + 1));
  }
  function columnsDocs(columns) {
    return columns.year.length; // years are always fewer than 64: one digit per doc
  }

  /* The query's words, and its "quoted phrases" as word lists (every word is also a term). */
  function parseQuery(query) {
    var phrases = [];
    var rest = (query || "").replace(/"([^"]*)"/g, function (whole, inner) {
      var words = tokens(inner);
      if (words.length > 1) phrases.push(words);
      return " " + inner + " ";
    });
    return { terms: Array.from(new Set(tokens(rest))), phrases: phrases };
  }

  /* Run a query; resolves to {ids, words, counts, manifest}: every match of the archive, in
   * order; counts (among the matches) only with options.counts or a filter applied. */
  api.search = function (query, options) {
    options = options || {};
    var filters = options.filters || {};
    var parsed = parseQuery(query);
    var terms = parsed.terms;
    return load("manifest").then(function (manifest) {
      if (!terms.length) return { ids: [], words: [], counts: null, manifest: manifest };
      var active = FACETS.filter(function (f) { return filters[f]; });
      var needFacets = active.length > 0 || options.counts;
      return Promise.all([
        Promise.all(terms.map(function (t) { return matchTerm(manifest, t); })),
        needFacets ? load("f") : Promise.resolve(null),
      ]).then(function (found) {
        var ranked = rank(manifest, found[0], found[1], filters, active, options.sort);
        if (!parsed.phrases.length) return ranked;
        return keepPhrases(manifest, ranked.ids, parsed.phrases).then(function (ids) {
          ranked.ids = ids;
          if (found[1]) ranked.counts = countFacets(manifest, found[1], ids);
          return ranked;
        });
      });
    });
  };

  function rank(manifest, matches, columns, filters, active, sort) {
    var total = new Map(matches[0].scores);
    for (var i = 1; i < matches.length; i++) {
      var next = new Map();
      total.forEach(function (score, id) {
        var more = matches[i].scores.get(id);
        if (more) next.set(id, score + more);
      });
      total = next;
    }
    var wanted = {};
    active.forEach(function (facet) {
      wanted[facet] = manifest.facets[facet].values.indexOf(filters[facet]);
    });
    var ids = [];
    total.forEach(function (score, id) {
      if (active.every(function (f) { return facetCode(columns, f, id) === wanted[f]; })) ids.push(id);
    });
    // Ids are newest first, so the tie-break (and "sort by date") is the id itself.
    // Sort names as on the hosted page (search.js), so a query URL means the same in both.
    if (sort === "newest" || sort === "date") ids.sort(function (a, b) { return a - b; });
    else if (sort === "oldest") ids.sort(function (a, b) { return b - a; });
    else ids.sort(function (a, b) { return total.get(b) - total.get(a) || a - b; });
    var words = [];
    matches.forEach(function (m) { words = words.concat(m.words); });
    var counts = columns ? countFacets(manifest, columns, ids) : null;
    return { ids: ids, words: words, counts: counts, manifest: manifest };
  }

  /* How many of ``ids`` carry each value of each facet (the same rule as Pagefind's counts). */
  function countFacets(manifest, columns, ids) {
    var counts = {};
    FACETS.forEach(function (f) { counts[f] = manifest.facets[f].values.map(function () { return 0; }); });
    ids.forEach(function (id) {
      FACETS.forEach(function (f) { counts[f][facetCode(columns, f, id)] += 1; });
    });
    return counts;
  }

  /* Keep the ids whose title, translation titles or text hold every phrase word after word.
   * The term index has no positions: the candidates' text shards are read to check. */
  function keepPhrases(manifest, ids, phrases) {
    return loadDocs(manifest, ids).then(function () {
      return ids.filter(function (id) {
        var row = metaRow(manifest, id);
        var fields = [row[1], textOf(manifest, id)].concat(row[7] || []);
        var folded = fields.map(function (f) { return " " + tokens(f).join(" ") + " "; });
        return phrases.every(function (phrase) {
          var needle = " " + phrase.join(" ") + " ";
          return folded.some(function (f) { return f.indexOf(needle) >= 0; });
        });
      });
    });
  }

  /* Load the metadata and text shards of some docs. */
  function loadDocs(manifest, ids) {
    var keys = new Set();
    ids.forEach(function (id) {
      keys.add("m/" + Math.floor(id / manifest.metaDocs));
      keys.add("x/" + Math.floor(id / manifest.textDocs));
    });
    return Promise.all(Array.from(keys).map(load));
  }

  function metaRow(manifest, id) {
    return store["m/" + Math.floor(id / manifest.metaDocs)][id % manifest.metaDocs];
  }
  function textOf(manifest, id) {
    return store["x/" + Math.floor(id / manifest.textDocs)][id % manifest.textDocs];
  }

  /* Load metadata and excerpt text for some result ids; resolves to display records. */
  api.details = function (manifest, ids, words) {
    return loadDocs(manifest, ids).then(function () {
      return ids.map(function (id) {
        var row = metaRow(manifest, id);
        var text = textOf(manifest, id);
        var facets = {};
        FACETS.forEach(function (f, i) { facets[f] = manifest.facets[f].values[row[3 + i]]; });
        return {
          id: id,
          url: new URL(row[0], rootUrl).href,
          title: highlight(row[1], words),
          date: row[2],
          facets: facets,
          excerpt: excerpt(text, words),
        };
      });
    });
  };

  /* Split text into [{text, mark}] parts, marking words that start with a matched term. */
  function highlight(text, words) {
    var parts = [];
    var last = 0;
    var re = /[\p{L}\p{N}\p{M}]+/gu;
    var m;
    while ((m = re.exec(text)) !== null) {
      var folded = fold(m[0]);
      var hit = words.some(function (w) { return folded === w; });
      if (!hit) continue;
      if (m.index > last) parts.push({ text: text.slice(last, m.index), mark: false });
      parts.push({ text: m[0], mark: true });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last), mark: false });
    return parts;
  }

  /* About EXCERPT_WORDS words around the first matched word (the start when none matches). */
  function excerpt(text, words) {
    var all = text.match(/\S+/g) || [];
    var at = 0;
    for (var i = 0; i < all.length; i++) {
      var parts = tokens(all[i]);
      if (parts.some(function (p) { return words.indexOf(p) >= 0; })) { at = i; break; }
    }
    var start = Math.max(0, at - 8);
    var chunk = all.slice(start, start + EXCERPT_WORDS).join(" ");
    var parts2 = highlight(chunk, words);
    if (start > 0) parts2.unshift({ text: "… ", mark: false });
    if (start + EXCERPT_WORDS < all.length) parts2.push({ text: " …", mark: false });
    return parts2;
  }

  api.tokens = tokens;
  api.loaded = loaded;
  api.load = load;
  api.offline = location.protocol === "file:";
  api.searchPage = new URL(me.getAttribute("data-search-page") || "search/index.html", rootUrl).href;

  // Only the offline copy includes this script, and it has no Pagefind: so the offline engine
  // runs there whatever the protocol (file://, or the folder served by a local http server).
  document.addEventListener("DOMContentLoaded", function () {
    if (window.BriefingSearchUI) window.BriefingSearchUI.start(api);
  });
})();

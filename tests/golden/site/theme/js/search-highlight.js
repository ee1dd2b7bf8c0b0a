/* Highlight the words a reader searched for (?highlight=word links from the search page) with
 * Pagefind's own highlighter.  Loaded by _pagefind_meta.html on article pages; does nothing
 * without the parameter or from file:// (the offline copy has no Pagefind bundle).  A classic
 * script, so file:// pages load it without a CORS error. */
(() => {
  "use strict";
  const params = new URLSearchParams(location.search);
  if (!params.has("highlight") || location.protocol === "file:") return;
  const root = new URL("../../", document.currentScript.src);
  import(new URL("search/pagefind/pagefind-highlight.js", root).href).then(() => {
    new window.PagefindHighlight({ highlightParam: "highlight" });
  });
})();

/* Pagefind's index files as the hosted search (theme/js/search.js) reads them: a part's
 * metadata (its pages in date order, its word chunks' first and last words) and where a
 * word stands in a word chunk.  Pagefind 1.5's files are CBOR (RFC 8949) after the signature
 * "pagefind_dcd", gzipped; search.js sees them as Pagefind fetches them, so reading them costs
 * no download.  A classic script: window.BriefingPagefindFiles = {unpack, readMetadata,
 * firstWordFrom}.
 */
(() => {
  "use strict";

  const SIGNATURE = "pagefind_dcd";
  const utf8 = new TextDecoder();

  async function unpack(response) {
    let bytes = new Uint8Array(await response.arrayBuffer());
    if (utf8.decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    if (utf8.decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) throw new Error("not a Pagefind file");
    return bytes.subarray(SIGNATURE.length);
  }

  /* The little of CBOR (RFC 8949) Pagefind's files use: definite lengths only. */
  class Cbor {
    constructor(bytes) {
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.at = 0;
    }

    /* The next item's head: sets this.major and this.value (a length, a count or an int). */
    head() {
      const first = this.bytes[this.at++];
      const info = first & 31;
      this.major = first >> 5;
      if (info < 24) this.value = info;
      else if (info === 24) this.value = this.view.getUint8(this.at);
      else if (info === 25) this.value = this.view.getUint16(this.at);
      else if (info === 26) this.value = this.view.getUint32(this.at);
      else if (info === 27) this.value = Number(this.view.getBigUint64(this.at));
      else throw new Error("unexpected CBOR in a Pagefind file");
      if (info >= 24) this.at += 2 ** (info - 24);
      return this.major;
    }

    length(major) {
      if (this.head() !== major) throw new Error("unexpected CBOR in a Pagefind file");
      return this.value;
    }

    text() {
      const size = this.length(3);
      const bytes = this.bytes.subarray(this.at, this.at + size);
      this.at += size;
      // Page hashes and most words are ASCII: a string of char codes is several times faster.
      return size < 64 && bytes.every((b) => b < 128) ? String.fromCharCode(...bytes) : utf8.decode(bytes);
    }

    int() {
      return this.head() === 1 ? -1 - this.value : this.value;
    }

    skip(count = 1) {
      for (let i = 0; i < count; i++) {
        const major = this.head();
        if (major === 2 || major === 3) this.at += this.value;
        else if (major === 4) this.skip(this.value);
        else if (major === 5) this.skip(2 * this.value);
        else if (major === 6) this.skip();
      }
    }

    /* An array of arrays: `read` takes each inner array's first items, the rest is skipped. */
    rows(read) {
      const out = [];
      for (let n = this.length(4); n > 0; n--) {
        const size = this.length(4);
        const [row, used] = read();
        this.skip(size - used);
        out.push(row);
      }
      return out;
    }
  }

  /* A part's metadata: [version, pages [hash, words], chunks [from, to, hash], filters,
   * sorts [name, page numbers in ascending order]]: the chunks (their first and last words)
   * and each page's date rank (0 the oldest). */
  function readMetadata(bytes) {
    const cbor = new Cbor(bytes);
    cbor.length(4);
    cbor.skip();
    const pages = cbor.rows(() => [cbor.text(), 1]);
    const chunks = cbor.rows(() => [{ from: cbor.text(), to: cbor.text(), hash: cbor.text() }, 3]);
    cbor.skip();
    const order = new Map();
    cbor.rows(() => {
      const name = cbor.text();
      for (let rank = 0, n = cbor.length(4); rank < n; rank++) {
        const page = cbor.int();
        if (name === "date") order.set(pages[page], rank);
      }
      return [null, 2];
    });
    return { chunks, order };
  }

  /* A word chunk, [[word, pages, variants], ...] in word order: its first word not before
   * `term` (null when every word is before it).  Reads no further than that word. */
  function firstWordFrom(bytes, term) {
    const cbor = new Cbor(bytes);
    cbor.length(4);
    for (let n = cbor.length(4); n > 0; n--) {
      const size = cbor.length(4);
      const word = cbor.text();
      if (word >= term) return word;
      cbor.skip(size - 1);
    }
    return null;
  }

  window.BriefingPagefindFiles = { unpack, readMetadata, firstWordFrom };
})();

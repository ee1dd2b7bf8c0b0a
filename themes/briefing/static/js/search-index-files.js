/* Pagefind's index files as the hosted search (theme/js/search.js) reads them: a part's
 * metadata (its pages in date order, its word chunks' first and last words) and a word
 * chunk's words.  Pagefind 1.5's files are CBOR (RFC 8949) after the signature
 * "pagefind_dcd", gzipped; search.js sees them as Pagefind fetches them, so reading them costs
 * no download.  A classic script: window.BriefingPagefindFiles = {unpack, readMetadata,
 * readWords}.
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

    head() {
      const first = this.bytes[this.at++];
      const [major, info] = [first >> 5, first & 31];
      if (info < 24) return { major, value: info };
      const at = this.at;
      const read = {
        24: () => [1, this.view.getUint8(at)],
        25: () => [2, this.view.getUint16(at)],
        26: () => [4, this.view.getUint32(at)],
        27: () => [8, Number(this.view.getBigUint64(at))],
      }[info];
      if (!read) throw new Error("unexpected CBOR in a Pagefind file");
      const [size, value] = read();
      this.at += size;
      return { major, value };
    }

    length(major) {
      const head = this.head();
      if (head.major !== major) throw new Error("unexpected CBOR in a Pagefind file");
      return head.value;
    }

    text() {
      const size = this.length(3);
      this.at += size;
      return utf8.decode(this.bytes.subarray(this.at - size, this.at));
    }

    int() {
      const head = this.head();
      return head.major === 1 ? -1 - head.value : head.value;
    }

    skip(count = 1) {
      for (let i = 0; i < count; i++) {
        const { major, value } = this.head();
        if (major === 2 || major === 3) this.at += value;
        else if (major === 4 || major === 5) this.skip(major === 4 ? value : 2 * value);
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
   * sorts [name, page numbers in ascending order]]. */
  function readMetadata(bytes) {
    const cbor = new Cbor(bytes);
    cbor.length(4);
    cbor.skip();
    const pages = cbor.rows(() => [cbor.text(), 1]);
    const chunks = cbor.rows(() => [{ from: cbor.text(), to: cbor.text() }, 2]);
    cbor.skip();
    const order = new Map();
    cbor.rows(() => {
      const name = cbor.text();
      const ranked = Array.from({ length: cbor.length(4) }, () => cbor.int());
      if (name === "date") ranked.forEach((page, rank) => order.set(pages[page], rank));
      return [null, 2];
    });
    return { chunks, order };
  }

  /* A word chunk: [[word, pages, variants], ...]: its words. */
  function readWords(bytes) {
    const cbor = new Cbor(bytes);
    const fields = cbor.length(4);
    const words = cbor.rows(() => [cbor.text(), 1]);
    cbor.skip(fields - 1);
    return words;
  }

  window.BriefingPagefindFiles = { unpack, readMetadata, readWords };
})();

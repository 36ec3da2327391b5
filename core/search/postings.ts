/**
 * A posting list of document numbers: a sorted array while sparse, a bitset once more than
 * 1/32 of documents hold the gram (common bigrams like 公开 cost 1 bit per document).
 * Documents are numbered in insertion order, so appends keep arrays sorted.
 */
export class PostingList {
  ids: Uint32Array;
  n = 0;
  bits: Uint32Array | null = null;
  count = 0;
  /** True while `ids`/`bits` are views into a loaded snapshot (copy before writing). */
  shared = false;

  constructor(capacity = 2) {
    this.ids = new Uint32Array(capacity);
  }

  static fromArray(ids: Uint32Array, shared: boolean): PostingList {
    const p = new PostingList(0);
    p.ids = ids;
    p.n = ids.length;
    p.count = ids.length;
    p.shared = shared;
    return p;
  }

  static fromBits(bits: Uint32Array, count: number, shared: boolean): PostingList {
    const p = new PostingList(0);
    p.bits = bits;
    p.count = count;
    p.shared = shared;
    return p;
  }

  add(doc: number): void {
    if (this.bits) {
      const w = doc >>> 5;
      if (w >= this.bits.length || this.shared) {
        const grown = new Uint32Array(Math.max(w + 1, Math.ceil(this.bits.length * 1.5)));
        grown.set(this.bits);
        this.bits = grown;
        this.shared = false;
      }
      const mask = 1 << (doc & 31);
      if ((this.bits[w] & mask) === 0) {
        this.bits[w] |= mask;
        this.count++;
      }
      return;
    }
    if (this.n > 0 && this.ids[this.n - 1] === doc) return;
    if (this.n >= this.ids.length || this.shared) {
      const grown = new Uint32Array(Math.max(4, Math.ceil(this.ids.length * 1.5) + 1, this.n + 1));
      grown.set(this.ids.subarray(0, this.n));
      this.ids = grown;
      this.shared = false;
    }
    this.ids[this.n++] = doc;
    this.count++;
    if (this.n > 64 && this.n * 32 > doc) this.toBits(doc);
  }

  private toBits(maxDoc: number): void {
    const bits = new Uint32Array((maxDoc >>> 5) + 1);
    for (let i = 0; i < this.n; i++) bits[this.ids[i] >>> 5] |= 1 << (this.ids[i] & 31);
    this.bits = bits;
    this.ids = new Uint32Array(0);
    this.n = 0;
  }

  has(doc: number): boolean {
    if (this.bits) {
      const w = doc >>> 5;
      return w < this.bits.length && (this.bits[w] & (1 << (doc & 31))) !== 0;
    }
    return this.indexInIds(doc) >= 0;
  }

  /** Index of `doc` in `ids` (a list, not a bitset), or -1. */
  indexInIds(doc: number): number {
    let lo = 0;
    let hi = this.n - 1;
    const ids = this.ids;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid];
      if (v === doc) return mid;
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Document numbers in ascending order. */
  toArray(): Uint32Array {
    if (!this.bits) return this.ids.subarray(0, this.n);
    const out = new Uint32Array(this.count);
    let k = 0;
    const bits = this.bits;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w];
      while (word !== 0) {
        const t = word & -word;
        out[k++] = (w << 5) + (31 - Math.clz32(t));
        word ^= t;
      }
    }
    return k === out.length ? out : out.subarray(0, k);
  }

  /** Ascending document numbers in every one of `lists`, all of them bitsets. */
  static intersectBits(lists: PostingList[]): Uint32Array {
    let words = Infinity;
    for (const l of lists) words = Math.min(words, l.bits!.length);
    const and = lists[0].bits!.slice(0, words);
    for (let i = 1; i < lists.length; i++) {
      const bits = lists[i].bits!;
      for (let w = 0; w < words; w++) and[w] &= bits[w];
    }
    let count = 0;
    for (let w = 0; w < words; w++) {
      let x = and[w];
      while (x !== 0) {
        x &= x - 1;
        count++;
      }
    }
    const out = new Uint32Array(count);
    let k = 0;
    for (let w = 0; w < words; w++) {
      let word = and[w];
      while (word !== 0) {
        const t = word & -word;
        out[k++] = (w << 5) + (31 - Math.clz32(t));
        word ^= t;
      }
    }
    return out;
  }

  byteSize(): number {
    return this.bits ? this.bits.byteLength : this.n * 4;
  }
}

// The flat structures of the memory store (memory-store.ts): pools of 32-bit values in large
// chunks, growable per-article columns, and one open-addressing table per LSH band. Large typed
// arrays instead of one JavaScript object, array or Map entry per value: a million articles
// hold 128 million band postings.

/** Values per pool chunk (16 MB): a record's values sit in one chunk, side by side. */
const CHUNK = 1 << 22;

/** Arrays of 32-bit values stored one after another; each is known by its offset and length. */
export class Pool {
  private readonly chunks: Uint32Array[] = [];
  private free = 0;
  /** Arrays too long for a chunk, by their (negative) offset. */
  private readonly big = new Map<number, Uint32Array>();
  private bigs = 0;

  /** Stores a copy of the values; returns their offset. */
  add(values: ArrayLike<number>): number {
    const n = values.length;
    if (n === 0) return 0;
    if (n > CHUNK) {
      const off = -1 - this.bigs++;
      this.big.set(off, Uint32Array.from(values));
      return off;
    }
    if (n > this.free) {
      this.chunks.push(new Uint32Array(CHUNK));
      this.free = CHUNK;
    }
    const c = this.chunks.length - 1;
    const pos = CHUNK - this.free;
    this.chunks[c].set(values, pos);
    this.free -= n;
    return c * CHUNK + pos;
  }

  /** The values at an offset, as a view (no copy). */
  view(off: number, n: number): Uint32Array {
    if (n === 0) return new Uint32Array(0);
    if (off < 0) return this.big.get(off)!;
    const c = Math.floor(off / CHUNK);
    const pos = off - c * CHUNK;
    return this.chunks[c].subarray(pos, pos + n);
  }

  /** The value at offset + i. */
  at(off: number, i: number): number {
    if (off < 0) return this.big.get(off)![i];
    const at = off + i;
    const c = Math.floor(at / CHUNK);
    return this.chunks[c][at - c * CHUNK];
  }

  /** Bytes held by the pool's arrays. */
  bytes(): number {
    let n = this.chunks.length * CHUNK * 4;
    for (const a of this.big.values()) n += a.byteLength;
    return n;
  }

  /** Drops an array too long for a chunk (a chunk's values stay until the store goes). */
  release(off: number): void {
    if (off < 0) this.big.delete(off);
  }
}

/** A typed array at least `n` long: `a` itself, or a copy twice as long. */
export function ensure<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const out = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  out.set(a);
  return out;
}

const EMPTY = 0;
/** A removed entry: probes go on past it. */
const GONE = 0xffff_ffff;

/**
 * One band's postings: the band hash -> article numbers, as open addressing with linear probing
 * over two parallel arrays (the hash, the article number + 1). A hash held by several articles
 * has one entry each; most band hashes are held by one article.
 */
export class BandTable {
  private bits = 4;
  private hashes = new Uint32Array(16);
  private articles = new Uint32Array(16);
  /** Entries, removed ones included, and entries alive. */
  private used = 0;
  private live = 0;

  private home(h: number): number {
    return Math.imul(h, 0x9e37_79b1) >>> (32 - this.bits);
  }

  add(h: number, article: number): void {
    if ((this.used + 1) * 4 > this.hashes.length * 3) this.rehash();
    const mask = this.hashes.length - 1;
    let i = this.home(h);
    while (this.articles[i] !== EMPTY) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.articles[i] = article + 1;
    this.used++;
    this.live++;
  }

  remove(h: number, article: number): void {
    const mask = this.hashes.length - 1;
    for (let i = this.home(h); this.articles[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.articles[i] === article + 1 && this.hashes[i] === h) {
        this.articles[i] = GONE;
        this.live--;
        return;
      }
    }
  }

  /** Appends the articles holding the hash to `out`. */
  collect(h: number, out: number[]): void {
    const mask = this.hashes.length - 1;
    for (let i = this.home(h); ; i = (i + 1) & mask) {
      const a = this.articles[i];
      if (a === EMPTY) return;
      if (a !== GONE && this.hashes[i] === h) out.push(a - 1);
    }
  }

  /** Bytes held by the table's arrays. */
  bytes(): number {
    return this.hashes.byteLength + this.articles.byteLength;
  }

  /** Into arrays twice as large, or as large when removed entries make up most of the load. */
  private rehash(): void {
    const { hashes, articles } = this;
    if (this.live * 8 >= hashes.length * 3) this.bits++;
    this.hashes = new Uint32Array(1 << this.bits);
    this.articles = new Uint32Array(1 << this.bits);
    this.used = 0;
    this.live = 0;
    for (let i = 0; i < articles.length; i++) if (articles[i] !== EMPTY && articles[i] !== GONE) this.add(hashes[i], articles[i] - 1);
  }
}

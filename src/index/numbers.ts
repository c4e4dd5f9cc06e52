// Which stored content-word hashes are numbers. Records keep hashes only, so the numbers a
// text is likely to carry (scores, amounts, counts, dates) are hashed once with the record's
// seed and looked up: 0-9999 and 00-09 in Western digits, 0-999 in the Arabic-Indic and
// Eastern Arabic-Indic digits NFKC keeps, and decimals a.b (a < 1000) and a.bb (a < 100), as
// the tokenizer leaves them ("102.9", "1.50"). Larger numbers are not recognised; the rules
// that read numbers only need some of them.
import { murmur3 } from './hash.ts';

const made = new Map<number, ReadonlySet<number>>();

function digitsIn(n: number, zero: number): string {
  let s = '';
  for (const c of String(n)) s += String.fromCharCode(zero + c.charCodeAt(0) - 48);
  return s;
}

/** Hashes of the number tokens under `seed`, made on first use (about 31,000 hashes). */
export function numberHashes(seed: number): ReadonlySet<number> {
  let set = made.get(seed >>> 0);
  if (set) return set;
  const s = new Set<number>();
  for (let n = 0; n < 10000; n++) s.add(murmur3(String(n), seed));
  for (let n = 0; n < 10; n++) s.add(murmur3(`0${n}`, seed));
  for (let n = 0; n < 1000; n++) {
    s.add(murmur3(digitsIn(n, 0x660), seed));
    s.add(murmur3(digitsIn(n, 0x6f0), seed));
    for (let d = 0; d < 10; d++) s.add(murmur3(`${n}.${d}`, seed));
    if (n < 100) for (let d = 0; d < 100; d++) s.add(murmur3(`${n}.${d < 10 ? '0' : ''}${d}`, seed));
  }
  made.set(seed >>> 0, (set = s));
  return set;
}

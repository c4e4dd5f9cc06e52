import { describe, expect, it } from 'vitest';
import { fmix32, hashSeq, murmur3, prng } from '../../src/index/hash.ts';
import { fingerprint } from '../../src/index/fingerprint.ts';
import { DEFAULT_PARAMS, paramsDiff, paramsId } from '../../src/index/params.ts';

describe('hashing is fixed, bit for bit', () => {
  it('fmix32 matches the MurmurHash3 reference finaliser', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('murmur3 and hashSeq give the recorded vectors', () => {
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('axios', 0)).toBe(603734826);
    expect(murmur3('Rafah', 42)).toBe(1974304321);
    expect(murmur3('東京', 1)).toBe(2252942677);
    expect(hashSeq([1, 2, 3], 0, 3, 7)).toBe(2363118295);
  });

  it('the seeded PRNG is mulberry32', () => {
    const r = prng(1);
    expect([r(), r(), r()]).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('a signature is a fixed vector for a fixed text', () => {
    const fp = fingerprint("The U.S. and Israel are expected to hold a virtual meeting on Monday to discuss the Biden administration's alternative proposals.");
    expect(Array.from(fp.tokens.slice(0, 4))).toEqual([3604465770, 1947852883, 3308102804, 1974587164]);
    expect(Array.from(fp.signature.slice(0, 8))).toEqual([2597350195, 4186327295, 963750419, 3348039118, 4235180323, 968256301, 2049188851, 3348039118]);
    expect(fp.bandKeys.slice(0, 3)).toEqual([parseInt('1t2gonr', 36), 2 ** 32 + parseInt('1yz3fvp', 36), 2 * 2 ** 32 + parseInt('3n8ub', 36)]);
    expect(fp.signature.length).toBe(DEFAULT_PARAMS.numPerm);
    expect(fp.bandKeys.length).toBe(DEFAULT_PARAMS.bands);
  });
});

describe('signature parameters', () => {
  it('name every field in the id and list differences in words', () => {
    expect(paramsId(DEFAULT_PARAMS)).toBe('murmur3-32/s388817/p256/content-word2/b128x2/t1');
    const other = { ...DEFAULT_PARAMS, numPerm: 128, bands: 64 };
    expect(paramsDiff(DEFAULT_PARAMS, other)).toEqual(['256 vs 128 permutations', 'bands 128x2 vs 64x2']);
    expect(paramsDiff(DEFAULT_PARAMS, { ...DEFAULT_PARAMS })).toEqual([]);
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { reindexIfNeeded } from '../../src/background/reindex.ts';
import { buildRecord, checkArticle, DEFAULT_PARAMS, paramsId, type SignatureParams } from '../../src/index/index.ts';
import { testServices } from './background-fixtures.ts';
import { SEED_META, seed } from './helpers.ts';

const OLD_PARAMS: SignatureParams = { ...DEFAULT_PARAMS, seed: 7 };

describe('rebuilding the index after a change of signature parameters', () => {
  it('rebuilds every article from its stored text, keeping ids and first-seen times', async () => {
    const { s } = testServices();
    const axios = buildRecord(seed('001'), SEED_META['001'], 1000, OLD_PARAMS).record;
    const copy = buildRecord(seed('002'), SEED_META['002'], 2000, OLD_PARAMS).record;
    await s.writer.putArticle(axios, seed('001'), SEED_META['001']);
    await s.writer.putArticle(copy, seed('002')); // text without metadata: recovered from the record
    const textless = buildRecord(seed('004'), SEED_META['004'], 3000, OLD_PARAMS).record;
    await s.writer.putArticle(textless);
    await s.writer.markParams(paramsId(OLD_PARAMS));

    // Before: a page made with the current parameters finds nothing comparable.
    const page = buildRecord(seed('002'), { ...SEED_META['002'], url: 'https://other.example/copy' }, 5000);
    expect((await checkArticle(s.store, page)).original).toBeUndefined();

    expect(await reindexIfNeeded(s)).toEqual({ rebuilt: 2, dropped: 1 });
    const rebuilt = await s.store.get(axios.id);
    expect(rebuilt?.params).toBe(paramsId(DEFAULT_PARAMS));
    expect(rebuilt?.firstSeenAt).toBe(1000);
    expect(rebuilt?.outlet).toBe('Axios');
    expect((await s.store.get(copy.id))?.firstSeenAt).toBe(2000);
    expect(await s.store.get(textless.id)).toBeUndefined();
    expect((await checkArticle(s.store, page)).original?.id).toBe(axios.id);

    // Done once: the next start finds the index current.
    expect(await reindexIfNeeded(s)).toEqual({ rebuilt: 0, dropped: 0 });
    s.conn.close();
  });

  it('carries on after being stopped part-way', async () => {
    const { s } = testServices();
    const a = buildRecord(seed('001'), SEED_META['001'], 1000).record; // already rebuilt
    const b = buildRecord(seed('000'), SEED_META['000'], 2000, OLD_PARAMS).record;
    await s.writer.putArticle(a, seed('001'));
    await s.writer.putArticle(b, seed('000'), SEED_META['000']);
    await s.writer.markParams(paramsId(OLD_PARAMS));
    expect(await reindexIfNeeded(s)).toEqual({ rebuilt: 1, dropped: 0 });
    s.conn.close();
  });

  it('marks a new index as current without work', async () => {
    const { s } = testServices();
    expect(await reindexIfNeeded(s)).toEqual({ rebuilt: 0, dropped: 0 });
    expect(await (await s.conn.get()).get('meta', 'params')).toEqual({ key: 'params', params: paramsId(DEFAULT_PARAMS) });
    s.conn.close();
  });
});

// A page that claims an earlier publication date than the report the reader saw first: the
// order then rests on that claim alone, and the evidence says so on both pages.
import { describe, expect, it } from 'vitest';
import { buildRecord, checkArticle, MemoryStore } from '../../src/index/index.ts';

import { UNRELATED_BODY } from '../fixtures/site/unrelated.ts';

// A local report that credits no one, and a copy of it claiming to be five years older.
const axiosText = UNRELATED_BODY.join('\n\n');
const AXIOS = { url: 'https://www.riversidecourier.com/2024/03/30/budget', siteName: 'Riverside Courier', publishedTime: '2024-03-30T09:15:00Z' };
const EARLY = { url: 'https://www.early-bird-news.com/2019/01/01/rafah', siteName: 'Early Bird News', publishedTime: '2019-01-01T08:00:00Z' };
const DAY = 86_400_000;

describe('a fake earlier date', () => {
  it('is named as the only reason on the page that claims it and on the report the reader saw first', async () => {
    const store = new MemoryStore();
    const axios = buildRecord(axiosText, AXIOS, Date.UTC(2024, 3, 1));
    await store.put(axios.record);

    const early = buildRecord(axiosText, EARLY, Date.UTC(2024, 3, 1) + DAY);
    const onEarly = await checkArticle(store, early);
    expect(onEarly.original).toBeUndefined();
    expect(onEarly.matches[0]?.direction).toBe('to');
    expect(onEarly.evidence).toContain(
      "This page states it was published 2019-01-01 08:00 UTC, before Riverside Courier (2024-03-30 09:15 UTC), which you read first; only this page's stated date puts it first.",
    );
    await store.put(early.record);

    const again = buildRecord(axiosText, AXIOS, Date.UTC(2024, 3, 1) + 2 * DAY);
    again.record.firstSeenAt = axios.record.firstSeenAt;
    const onOriginal = await checkArticle(store, again);
    expect(onOriginal.original?.outlet).toBe('Early Bird News');
    expect(onOriginal.evidence).toEqual([
      'Early Bird News published it first (2019-01-01 08:00 UTC; this page 2024-03-30 09:15 UTC).',
      'You read this page first (2024-04-01 00:00 UTC) and Early Bird News later (2024-04-02 00:00 UTC); only the date Early Bird News states puts it first.',
      'This page does not credit Early Bird News.',
    ]);
  });
});

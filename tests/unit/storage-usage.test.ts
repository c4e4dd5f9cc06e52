// What the reader's own data takes, measured from the stored records: it grows with each article
// read, leaves the listed articles out, and is 0 after Clear (whatever the database files keep).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DbConnection } from '../../src/storage/db.ts';
import { Writer } from '../../src/storage/writer.ts';
import { ownUsage } from '../../src/storage/usage.ts';
import { freshDbName, syntheticArticle } from './background-fixtures.ts';

async function writerOn(): Promise<{ conn: DbConnection; writer: Writer }> {
  const conn = new DbConnection(freshDbName());
  return { conn, writer: new Writer(conn) };
}

describe('ownUsage', () => {
  it('is 0 articles and 0 bytes for an empty index', async () => {
    const { conn } = await writerOn();
    expect(await ownUsage(conn)).toEqual({ articles: 0, bytes: 0, estimated: false });
    conn.close();
  });

  it('grows with each article read, by at least its text, and is 0 again after Clear', async () => {
    const { conn, writer } = await writerOn();
    const a = syntheticArticle(1, 1000);
    await writer.putArticle(a.record, a.text);
    const one = await ownUsage(conn);
    expect(one.articles).toBe(1);
    // Its signature and word hashes alone are 4 bytes each.
    expect(one.bytes).toBeGreaterThan(a.record.signature.byteLength + a.record.tokens.byteLength);
    const b = syntheticArticle(2, 2000);
    await writer.putArticle(b.record, b.text);
    const two = await ownUsage(conn);
    expect(two.articles).toBe(2);
    expect(two.bytes).toBeGreaterThan(one.bytes);
    expect(two.estimated).toBe(false);
    await writer.clear();
    expect(await ownUsage(conn)).toEqual({ articles: 0, bytes: 0, estimated: false });
    conn.close();
  });

  it('past the measured articles, counts the rest at their mean and says it is an estimate', async () => {
    const { conn, writer } = await writerOn();
    for (let i = 1; i <= 3; i++) {
      const a = syntheticArticle(i, i * 1000);
      await writer.putArticle(a.record, a.text);
    }
    const exact = await ownUsage(conn);
    const rough = await ownUsage(conn, 2);
    expect(rough).toMatchObject({ articles: 3, estimated: true });
    expect(rough.bytes).toBeGreaterThan(exact.bytes * 0.8);
    expect(rough.bytes).toBeLessThan(exact.bytes * 1.2);
    conn.close();
  });
});

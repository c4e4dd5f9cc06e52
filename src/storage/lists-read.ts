// Reading subscribed lists' articles (list-layout.ts) beside the reader's own: the records a check
// fetches, by reference or by id, merged so that one article is one record. The reader's own
// record wins and carries the ids of the lists that list it; an article known from lists alone
// is its first list's entry (by when the lists were added), first seen when it was first listed.
import type { IDBPTransaction } from 'idb';
import type { ArticleRecord, SignatureParams } from '../index/types.ts';
import type { StoreRef } from '../index/store.ts';
import type { FirsthandDB, StoredList } from './db.ts';
import { fromEntry, idKey, isListedRef, serialOf, sketchAt, slotOf, type ListBlock, type ListEntry, type ListManifest } from './list-layout.ts';
import { bucketOf, hashOf } from './postings.ts';
import { fromStored, type StoredArticle } from './stored.ts';

type Names = 'articles' | 'listBlocks' | 'listPostings' | 'lists';
/** A readonly transaction over the stores a merged read needs. */
export type MergedTx = IDBPTransaction<FirsthandDB, Names[], 'readonly'>;

/** Every list's postings value of a bucket, in one range read ([bucket, list id] keys). */
export function listPostingsOf(store: { getAll(range: IDBKeyRange): Promise<Uint32Array[]> }, bucket: number): Promise<Uint32Array[]> {
  return store.getAll(IDBKeyRange.bound([bucket], [bucket, []]));
}

/** Blocks by serial number, as read (or being read) in one transaction. */
export type BlockReads = Map<number, Promise<ListBlock | undefined>>;

/** A block by serial number, read once per transaction: the read recorded in `reads`. */
export function readBlock(store: { get(serial: number): Promise<ListBlock | undefined> }, reads: BlockReads, serial: number): Promise<ListBlock | undefined> {
  let p = reads.get(serial);
  if (!p) reads.set(serial, (p = store.get(serial)));
  return p;
}

/** A listed article found: its entry, its block and its list. */
interface Found {
  ref: number;
  block: ListBlock;
  entry: ListEntry;
}

/** Blocks read once per merged read. */
class Blocks {
  constructor(
    private readonly tx: MergedTx,
    /** Blocks read in this transaction so far (those a lookup read, when a fetch shares its transaction). */
    private readonly read: BlockReads = new Map(),
  ) {}

  get(serial: number): Promise<ListBlock | undefined> {
    return readBlock(this.tx.objectStore('listBlocks'), this.read, serial);
  }

  async at(ref: number): Promise<Found | undefined> {
    const block = await this.get(serialOf(ref));
    const entry = block?.entries[slotOf(ref)];
    return block && entry ? { ref, block, entry } : undefined;
  }
}

/** The listed entries of each id, every list's, found by the id's key in ID_BAND. */
async function entriesById(tx: MergedTx, blocks: Blocks, ids: readonly string[]): Promise<Map<string, Found[]>> {
  const out = new Map<string, Found[]>();
  const byBucket = new Map<number, Promise<Uint32Array[]>>();
  const store = tx.objectStore('listPostings');
  const read = (bucket: number) => {
    let p = byBucket.get(bucket);
    if (!p) byBucket.set(bucket, (p = listPostingsOf(store, bucket)));
    return p;
  };
  await Promise.all(
    ids.map(async (id) => {
      const key = idKey(id);
      const h = hashOf(key);
      const refs: number[] = [];
      for (const value of await read(bucketOf(key))) for (let i = 0; i + 1 < value.length; i += 2) if (value[i] === h) refs.push(value[i + 1]);
      const found = await Promise.all(refs.map((r) => blocks.at(r)));
      out.set(
        id,
        found.filter((f): f is Found => f?.entry.id === id),
      );
    }),
  );
  return out;
}

/**
 * The merged records of these references (own article numbers, listed references, ids), in the
 * order first named, one per article; those gone meanwhile are left out.
 */
export async function fetchMerged(
  tx: MergedTx,
  refs: readonly StoreRef[],
  params: SignatureParams,
  /** What the transaction read before, when the fetch joins a lookup's: its blocks, its lists and
   * whether the reader has articles of their own. */
  before?: { blockReads: BlockReads; lists?: StoredList[]; own?: boolean },
): Promise<ArticleRecord[]> {
  const articles = tx.objectStore('articles');
  const blocks = new Blocks(tx, before?.blockReads);
  const [lists, anyOwn, found] = await Promise.all([
    before?.lists ?? tx.objectStore('lists').getAll(),
    before?.own ?? articles.getKey(IDBKeyRange.lowerBound(0)).then((k) => k !== undefined),
    Promise.all(
      refs.map(async (ref): Promise<{ own?: StoredArticle; listed?: Found; id?: string }> => {
        if (typeof ref === 'string') return { own: await articles.index('id').get(ref), id: ref };
        if (!isListedRef(ref)) return { own: await articles.get(ref) };
        return { listed: await blocks.at(ref) };
      }),
    ),
  ]);
  const ids: string[] = [];
  const own = new Map<string, StoredArticle>();
  const byRef = new Map<string, Found>();
  for (const f of found) {
    const id = f.own?.id ?? f.listed?.entry.id ?? f.id;
    if (id === undefined) continue;
    if (f.own) own.set(id, f.own);
    if (f.listed) byRef.set(id, f.listed);
    if (!ids.includes(id)) ids.push(id);
  }
  if (lists.length === 0) return ids.filter((id) => own.has(id)).map((id) => fromStored(own.get(id)!, params));
  // Every list's entry of each id, found by the id's hash; with one list, an entry found by its
  // reference is the only one of its id.
  const searched = lists.length === 1 ? ids.filter((id) => !byRef.has(id)) : ids;
  const [ownOfListed, listed] = await Promise.all([
    // The reader's own record of each listed id, unless the reader has none at all.
    Promise.all(ids.map((id) => (own.has(id) || !anyOwn ? Promise.resolve(own.get(id)) : articles.index('id').get(id)))),
    entriesById(tx, blocks, searched),
  ]);
  if (lists.length === 1) for (const [id, f] of byRef) listed.set(id, [f]);
  const order = listOrder(lists);
  const out: ArticleRecord[] = [];
  ids.forEach((id, i) => {
    const entries = (listed.get(id) ?? []).sort((a, b) => order(a.block.list) - order(b.block.list) || a.ref - b.ref);
    const record = merged(ownOfListed[i], entries, params);
    if (record) out.push(record);
  });
  return out;
}

/** The merged record of one id, if the reader has it or a list carries it. */
export async function getMerged(tx: MergedTx, id: string, params: SignatureParams): Promise<ArticleRecord | undefined> {
  return (await fetchMerged(tx, [id], params))[0];
}

/** Lists in the order they were added (the reader's lists are named in that order). */
function listOrder(lists: readonly StoredList[]): (id: string) => number {
  const rank = new Map([...lists].sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id)).map((l, i) => [l.id, i]));
  return (id) => rank.get(id) ?? rank.size;
}

function merged(own: StoredArticle | undefined, entries: readonly Found[], params: SignatureParams): ArticleRecord | undefined {
  const lists = [...new Set(entries.map((e) => e.block.list))];
  if (own) {
    const record = fromStored(own, params);
    if (lists.length) record.lists = lists;
    else delete record.lists;
    return record;
  }
  if (entries.length === 0) return undefined;
  const first = entries[0];
  const record = fromEntry(first.entry, sketchAt(first.block, slotOf(first.ref)), lists);
  record.firstSeenAt = Math.min(...entries.map((e) => e.entry.listedAt));
  return record;
}

/** Articles the subscribed lists carry, each once however many lists carry it. */
export async function listedCount(listsStore: { getAll(): Promise<StoredList[]> }, manifestsStore: { getAll(): Promise<ListManifest[]> }): Promise<number> {
  const lists = await listsStore.getAll();
  if (lists.length <= 1) return lists[0]?.articles ?? 0;
  const manifests = await manifestsStore.getAll();
  const seen = new Set<number>();
  // Two 32-bit hashes of each id, as one number of 53 bits.
  for (const m of manifests) for (let i = 0; i + 1 < m.ids.length; i += 2) seen.add(m.ids[i] * 0x20_0000 + (m.ids[i + 1] & 0x1f_ffff));
  return seen.size;
}

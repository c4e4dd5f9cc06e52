// Reuse lists in words, for the options page and the first-run page: checking an address before
// the reader is asked for a permission, why Firsthand asks for it, and a list's facts (size, last
// and next update). Pure: no DOM, no browser API, so tests can pin the wording.
import type { ListInfo } from '../protocol/messages.ts';
import { formatBytes, formatCount, formatDate } from './format.ts';

/** Hosts a list may be downloaded from over plain http: the reader's own machine, for testing. */
export const LOCAL_HOSTS: readonly string[] = ['localhost', '127.0.0.1'];
/** The longest address accepted (the worker checks its own bound again). */
export const MAX_LIST_URL = 2048;

export type ListUrlCheck =
  | {
      ok: true;
      /** The address as the worker is asked to download it. */
      url: string;
      /** "https://lists.example.org": what the reader is told Firsthand will read. */
      origin: string;
      /** The host permission asked for: scheme and host, any port ("https://lists.example.org/*").
       * Firefox refuses a port in a match pattern, and Chrome treats a pattern without one as any port. */
      pattern: string;
    }
  | { ok: false; error: string };

/** Checks an address typed by the reader: https anywhere, http only on this machine, no user name or password. */
export function checkListUrl(raw: string): ListUrlCheck {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'Write the list’s address, starting with https://.' };
  if (text.length > MAX_LIST_URL) return { ok: false, error: `This address is too long: at most ${formatCount(MAX_LIST_URL)} characters.` };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, error: /^[a-z][a-z0-9+.-]*:/i.test(text) ? 'This is not a web address.' : 'Write the whole address, starting with https://.' };
  }
  if (u.protocol === 'http:' && !LOCAL_HOSTS.includes(u.hostname)) {
    return {
      ok: false,
      error: 'Use an https:// address: over plain http anyone on the way could change the list. Plain http is accepted only for localhost and 127.0.0.1.',
    };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, error: 'Only https:// addresses can be added (http:// for localhost).' };
  if (u.username || u.password) {
    return { ok: false, error: 'Leave the user name and password out of the address: Firsthand downloads lists without any.' };
  }
  u.hash = '';
  return { ok: true, url: u.href, origin: u.origin, pattern: `${u.protocol}//${u.hostname}/*` };
}

/** Why the browser is about to ask the reader for a permission, said before it asks. */
export function permissionReason(origin: string): string {
  return `Firsthand asks to read ${origin} so it can download this list and its updates; it sends nothing about your reading.`;
}

/** What the page says when the reader did not allow it; the subscription is still tried. */
export function permissionRefused(origin: string): string {
  return `You did not allow Firsthand to read ${origin}. It tries anyway, which works only if that server lets extensions download the list.`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const startOfDay = (ms: number) => new Date(ms).setHours(0, 0, 0, 0);

/** "today, 14:05", "yesterday, 09:30", "31 Mar 2024": when something happened, in local time. */
export function formatWhen(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / 86_400_000);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (days === 0) return `today, ${time}`;
  if (days === 1) return `yesterday, ${time}`;
  return formatDate(ms);
}

/** "in 40 minutes", "in 5 hours", "in 3 days", "due now": how soon something is due. */
export function formatUntil(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const minutes = Math.round((ms - now) / 60_000);
  if (minutes <= 0) return 'due now';
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  return `in ${days} days`;
}

/** A list's facts as [label, value] rows, in the order the page shows them. */
export function listFacts(info: ListInfo, now = Date.now()): [string, string][] {
  const fromFile = 'file' in info.source;
  const rows: [string, string][] = [
    ['Articles', formatCount(info.articles)],
    ['Size', formatBytes(info.bytes)],
    [fromFile ? 'Read' : 'Last update', formatWhen(info.updatedAt, now) || '—'],
    ['Next update', fromFile ? 'never: added from a file' : formatUntil(info.nextUpdate, now) || 'not planned'],
  ];
  if (info.checkedAt !== undefined && info.checkedAt > info.updatedAt) rows.push(['Last tried', formatWhen(info.checkedAt, now)]);
  rows.push(['Signature', info.publicKey ? 'signed; the key is pinned' : 'not signed']);
  return rows;
}

/** List-supplied text inside a sentence, between the Unicode isolates FSI and PDI: a right-to-left
 * name, or one carrying direction controls, cannot reorder the sentence's own words. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A list's name for a sentence, isolated; a neutral phrase when it has none. */
export function listName(info: Pick<ListInfo, 'name'>, fallback = 'the list'): string {
  return info.name ? isolate(info.name) : fallback;
}

const articles = (n: number) => `${formatCount(n)} article${n === 1 ? '' : 's'}`;

/** "Added ⁨World wire⁩: 1,204 articles." */
export function addedSentence(info: Pick<ListInfo, 'name' | 'articles'>): string {
  return `Added ${listName(info)}: ${articles(info.articles)}.`;
}

/** "Updated ⁨World wire⁩: 1,210 articles." */
export function updatedSentence(info: Pick<ListInfo, 'name' | 'articles'>): string {
  return `Updated ${listName(info)}: ${articles(info.articles)}.`;
}

/** What Remove does, asked before it does it. */
export function removeQuestion(info: Pick<ListInfo, 'name' | 'articles'>): string {
  return `Remove ${listName(info, 'this list')}? Its ${articles(info.articles)} leave your index, except those you read yourself or imported.`;
}

/** A progress report from reading a list file, whatever its shape, as a share in [0,1] (undefined when
 * it says no amount): a share, a byte count of the file, or { done, total } / { bytes }. */
export function progressShare(p: unknown, fileBytes: number): number | undefined {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  if (typeof p === 'number' && Number.isFinite(p)) return p <= 1 ? clamp(p) : fileBytes > 0 ? clamp(p / fileBytes) : undefined;
  if (typeof p !== 'object' || p === null) return undefined;
  const r = p as Record<string, unknown>;
  if (typeof r.done === 'number' && typeof r.total === 'number' && r.total > 0) return clamp(r.done / r.total);
  if (typeof r.bytes === 'number' && fileBytes > 0) return clamp(r.bytes / fileBytes);
  return undefined;
}

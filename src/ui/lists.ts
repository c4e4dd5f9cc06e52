// Reuse lists in words, for the options page and the first-run page: checking an address before
// the reader is asked for a permission, why Firsthand asks for it, and a list's facts (size, last
// and next update). No DOM; the words come through t()/tPlural() in the interface's language.
import type { ListInfo } from '../protocol/messages.ts';
import { formatBytes, formatCount, formatDate } from './format.ts';
import { t, tPlural } from './i18n.ts';

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
  if (!text) return { ok: false, error: t('listUrlEmpty') };
  if (text.length > MAX_LIST_URL) return { ok: false, error: t('listUrlTooLong', formatCount(MAX_LIST_URL)) };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, error: /^[a-z][a-z0-9+.-]*:/i.test(text) ? t('listUrlNotWeb') : t('listUrlWhole') };
  }
  if (u.protocol === 'http:' && !LOCAL_HOSTS.includes(u.hostname)) {
    return { ok: false, error: t('listUrlPlainHttp') };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, error: t('listUrlScheme') };
  if (u.username || u.password) {
    return { ok: false, error: t('listUrlCredentials') };
  }
  u.hash = '';
  return { ok: true, url: u.href, origin: u.origin, pattern: `${u.protocol}//${u.hostname}/*` };
}

/** Why the browser is about to ask the reader for a permission, said before it asks. */
export function permissionReason(origin: string): string {
  return t('listPermissionReason', origin);
}

/** What the page says when the reader did not allow it; the subscription is still tried. */
export function permissionRefused(origin: string): string {
  return t('listPermissionRefused', origin);
}

const pad = (n: number) => String(n).padStart(2, '0');
const startOfDay = (ms: number) => new Date(ms).setHours(0, 0, 0, 0);

/** "today, 14:05", "yesterday, 09:30", "31 Mar 2024": when something happened, in local time. */
export function formatWhen(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / 86_400_000);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (days === 0) return t('whenToday', time);
  if (days === 1) return t('whenYesterday', time);
  return formatDate(ms);
}

/** "in 40 minutes", "in 5 hours", "in 3 days", "due now": how soon something is due. */
export function formatUntil(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const minutes = Math.round((ms - now) / 60_000);
  if (minutes <= 0) return t('untilDue');
  if (minutes < 60) return tPlural('untilMinutes', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return tPlural('untilHours', hours);
  return tPlural('untilDays', Math.round(hours / 24));
}

/** A list's facts as [label, value] rows, in the order the page shows them. */
export function listFacts(info: ListInfo, now = Date.now()): [string, string][] {
  const fromFile = 'file' in info.source;
  const rows: [string, string][] = [
    [t('factArticles'), formatCount(info.articles)],
    [t('factSize'), formatBytes(info.bytes)],
    [t(fromFile ? 'factRead' : 'factLastUpdate'), formatWhen(info.updatedAt, now) || '—'],
    [t('factNextUpdate'), fromFile ? t('factNeverFromFile') : formatUntil(info.nextUpdate, now) || t('factNotPlanned')],
  ];
  if (info.checkedAt !== undefined && info.checkedAt > info.updatedAt) rows.push([t('factLastTried'), formatWhen(info.checkedAt, now)]);
  rows.push([t('factSignature'), t(info.publicKey ? 'factSigned' : 'factNotSigned')]);
  return rows;
}

/** List-supplied text inside a sentence, between the Unicode isolates FSI and PDI: a right-to-left
 * name, or one carrying direction controls, cannot reorder the sentence's own words. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A list's name for a sentence, isolated; a neutral phrase when it has none. */
export function listName(info: Pick<ListInfo, 'name'>, fallback = t('listFallbackThe')): string {
  return info.name ? isolate(info.name) : fallback;
}

/** "1,204 articles", in the form the interface language's plural rules pick. */
const articles = (n: number) => tPlural('articleCount', n, formatCount);

/** "Added ⁨World wire⁩: 1,204 articles." */
export function addedSentence(info: Pick<ListInfo, 'name' | 'articles'>): string {
  return t('listAdded', listName(info), articles(info.articles));
}

/** "Updated ⁨World wire⁩: 1,210 articles." */
export function updatedSentence(info: Pick<ListInfo, 'name' | 'articles'>): string {
  return t('listUpdated', listName(info), articles(info.articles));
}

/** What Remove does, asked before it does it. */
export function removeQuestion(info: Pick<ListInfo, 'name' | 'articles'>): string {
  return t('listRemoveQuestion', listName(info, t('listFallbackThis')), articles(info.articles));
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

// Runtime checks for everything that crosses a context boundary. Hand-written type guards with
// size limits: a message that fails them is dropped and logged by the receiver, never acted on.
import { isRecord } from '../index/guards.ts';
import type { PageMeta } from '../index/types.ts';
import { MAX_LINKS } from '../shared/limits.ts';
import type { AnyMessage, Message, RibbonMode, RibbonPosition, Settings, TestUiMessage } from './messages.ts';

/** Longest article text accepted from a page: far above any real article, low enough to bound work. */
export const MAX_TEXT_CHARS = 2_000_000;
/** Longest page HTML the content script sends for extraction (page/html): real news pages, scripts
 * and inline data included, stay well under it; a larger page is reported as not an article. */
export const MAX_HTML_CHARS = 12_000_000;
/** Largest pack accepted through messaging (Chrome refuses runtime messages over 64 MiB). */
export const MAX_PACK_CHARS = 60_000_000;
export const MAX_URL_CHARS = 8_192;
export const MAX_FIELD_CHARS = 4_096;
export const MAX_LIST = 64;
export const MAX_EXCLUDED_SITES = 1_000;
const MAX_ID_CHARS = MAX_URL_CHARS;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  sensitivity: 'normal',
  excludedSites: [],
  maxArticles: 100_000,
  maxAgeDays: 0,
  indexPrivate: false,
  paused: false,
  ribbonMode: 'auto',
  ribbonPosition: 'bottom-end',
});

/** Bounds of the numeric settings: what the options page offers and the worker accepts. */
export const SETTINGS_LIMITS = Object.freeze({
  maxArticles: { min: 100, max: 1_000_000 },
  maxAgeDays: { min: 0, max: 36_500 },
});

type Check = (value: unknown) => string | null;

function str(max: number): Check {
  return (v) => (typeof v !== 'string' ? 'not a string' : v.length > max ? `longer than ${max} characters` : null);
}

function optional(check: Check): Check {
  return (v) => (v === undefined ? null : check(v));
}

function list(item: Check, max: number): Check {
  return (v) => {
    if (!Array.isArray(v)) return 'not a list';
    if (v.length > max) return `more than ${max} entries`;
    for (let i = 0; i < v.length; i++) {
      const e = item(v[i]);
      if (e) return `entry ${i}: ${e}`;
    }
    return null;
  };
}

function shape(fields: Record<string, Check>, allowExtra = false): Check {
  return (v) => {
    if (!isRecord(v)) return 'not an object';
    for (const [k, check] of Object.entries(fields)) {
      const e = check(v[k]);
      if (e) return `${k}: ${e}`;
    }
    if (!allowExtra) for (const k of Object.keys(v)) if (!(k in fields)) return `unexpected field "${k}"`;
    return null;
  };
}

const tabId: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'not a tab id');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'not true/false');
const shortText = str(MAX_FIELD_CHARS);
const url = str(MAX_URL_CHARS);

const checkMeta: Check = shape(
  {
    url: optional(url),
    canonicalUrl: optional(url),
    title: optional(shortText),
    siteName: optional(shortText),
    publishedTime: optional(str(256)),
    // A source tag such as "meta:article:published_time" or "attr:data-published".
    publishedFrom: optional(str(64)),
    modifiedTime: optional(str(256)),
    lang: optional(str(64)),
    byline: optional(shortText),
    jsonLd: optional(
      shape({
        datePublished: optional(str(256)),
        isBasedOn: optional(list(url, MAX_LIST)),
        sourceOrganization: optional(list(shortText, MAX_LIST)),
        publisher: optional(shortText),
      }),
    ),
    syndicationSource: optional(url),
    originalSource: optional(url),
    links: optional(list(shape({ href: url, text: shortText }), MAX_LINKS)),
  },
  // Pages may send fields a newer content script knows about; unknown ones are dropped below.
  true,
);

export const RIBBON_MODES: readonly RibbonMode[] = ['auto', 'compact', 'full'];
export const RIBBON_POSITIONS: readonly RibbonPosition[] = ['bottom-end', 'bottom-start', 'top-end', 'top-start'];

function oneOf(values: readonly string[]): Check {
  return (v) => (typeof v === 'string' && values.includes(v) ? null : `not one of ${values.join(', ')}`);
}

/** Checks one field of a settings object; used for both full and partial settings. */
const SETTING_CHECKS: { [K in keyof Settings]: Check } = {
  sensitivity: (v) => (v === 'low' || v === 'normal' || v === 'high' ? null : 'not low, normal or high'),
  excludedSites: list(hostName, MAX_EXCLUDED_SITES),
  maxArticles: intIn(SETTINGS_LIMITS.maxArticles.min, SETTINGS_LIMITS.maxArticles.max),
  maxAgeDays: intIn(SETTINGS_LIMITS.maxAgeDays.min, SETTINGS_LIMITS.maxAgeDays.max),
  indexPrivate: bool,
  paused: bool,
  ribbonMode: oneOf(RIBBON_MODES),
  ribbonPosition: oneOf(RIBBON_POSITIONS),
};

function intIn(min: number, max: number): Check {
  return (v) => (Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? null : `not a whole number from ${min} to ${max}`);
}

function hostName(v: unknown): string | null {
  if (typeof v !== 'string') return 'not a string';
  return /^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(v) ? null : `"${v.slice(0, 80)}" is not a host name`;
}

const checkPartialSettings: Check = (v) => {
  if (!isRecord(v)) return 'not an object';
  for (const [k, value] of Object.entries(v)) {
    const check = SETTING_CHECKS[k as keyof Settings];
    if (!check) return `unknown setting "${k}"`;
    const e = check(value);
    if (e) return `${k}: ${e}`;
  }
  return null;
};

/** Longest list id accepted (ids are "u" or "f" and 16 hex digits). */
const MAX_LIST_ID_CHARS = 64;
const listId: Check = (v) => (typeof v === 'string' && /^[a-z0-9-]{1,64}$/.test(v) ? null : `not a list id (at most ${MAX_LIST_ID_CHARS} letters and digits)`);

/**
 * Why a list URL cannot be subscribed to, or null when it can: https, or http on this machine
 * only (localhost, 127.0.0.1), no user name or password, no fragment.
 */
export function listUrlProblem(raw: string): string | null {
  if (raw.length > MAX_URL_CHARS) return `longer than ${MAX_URL_CHARS} characters`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a web address';
  }
  if (u.username || u.password) return 'a list address may not carry a user name or password';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') return isLoopback(u.hostname) ? null : 'a list address must start with https:// (plain http only for localhost)';
  return 'a list address must start with https://';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1';
}

/** A list URL as it is stored and fetched (URL's normal form, without the fragment). */
export function normalizeListUrl(raw: string): string {
  const u = new URL(raw);
  u.hash = '';
  return u.href;
}

const listUrl: Check = (v) => (typeof v !== 'string' ? 'not a string' : listUrlProblem(v));

/** Longest library search accepted. */
export const MAX_QUERY_CHARS = 200;
const articleNumber: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'not an article number');

const nonEmptyId: Check = (v) => str(MAX_ID_CHARS)(v) ?? ((v as string).length === 0 ? 'empty' : null);

/** The payload checks of every message type; a type missing here is an unknown message. */
const MESSAGE_CHECKS: { [K in Message['type']]: Record<string, Check> } = {
  'page/should-read': {},
  'page/article': { text: str(MAX_TEXT_CHARS), meta: checkMeta },
  'page/html': { html: str(MAX_HTML_CHARS), url, base: url, recheck: bool, unlessText: optional(str(MAX_TEXT_CHARS)) },
  'page/not-article': { url },
  'page/open-compare': { originalId: nonEmptyId },
  'ui/tab-state': { tabId },
  'ui/stats': {},
  'ui/clear': {},
  'ui/set-paused': { paused: bool },
  'ui/get-settings': {},
  'ui/set-settings': { settings: checkPartialSettings },
  'ui/compare': { pageId: nonEmptyId, originalId: nonEmptyId },
  'ui/open-compare': { pageId: nonEmptyId, originalId: nonEmptyId },
  'ui/highlight': { tabId },
  'ui/lists': {},
  'ui/list-subscribe': { url: listUrl },
  'ui/list-update': { id: listId },
  'ui/list-remove': { id: listId },
  'page/recheck': { text: str(MAX_TEXT_CHARS), meta: checkMeta },
  'page/ribbon-prefs': { originalId: optional(nonEmptyId) },
  'page/ui-strings': {},
  'page/dismiss-story': { originalId: nonEmptyId },
  'page/site-off': {},
  'ui/site-state': { tabId },
  'ui/set-site': { host: (v) => hostName(v), on: bool },
  'view/history': {},
  'view/story': { ref: nonEmptyId },
  'view/open-story': { ref: nonEmptyId },
  'page/not-a-copy': { originalId: nonEmptyId },
  'library/browse': { query: str(MAX_QUERY_CHARS), after: optional(articleNumber) },
  'library/delete': { id: nonEmptyId },
  'library/clear-forget': {},
  'corrections/add': { pageId: nonEmptyId, originalId: nonEmptyId },
  'corrections/remove': { pageId: nonEmptyId, originalId: nonEmptyId },
  'corrections/list': {},
  'undo/status': {},
  'undo/restore': {},
  'undo/forget': {},
};

/** The test build's extra messages: known only to a validator asked for them. */
const TEST_MESSAGE_CHECKS: { [K in TestUiMessage['type']]: Record<string, Check> } = {
  'ui/export': {},
  'ui/import': { text: str(MAX_PACK_CHARS) },
  'ui/lists-sweep': { all: bool },
  'ui/run-command': { command: str(64), tabId },
  'ui/saves-settled': {},
};

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ValidateOptions {
  /** Test builds also accept TestUiMessage; a store build leaves this off and drops them as unknown. */
  withTestMessages?: boolean;
}

/** The payload checks for a message type, or undefined for a type this build does not know. */
function checksFor(type: string, opts: ValidateOptions): Record<string, Check> | undefined {
  if (Object.hasOwn(MESSAGE_CHECKS, type)) return MESSAGE_CHECKS[type as Message['type']];
  if (opts.withTestMessages && Object.hasOwn(TEST_MESSAGE_CHECKS, type)) return TEST_MESSAGE_CHECKS[type as TestUiMessage['type']];
  return undefined;
}

/** Validates a message received from another context. The value returned is a fresh copy holding only known fields. */
export function validateMessage(raw: unknown, opts: ValidateOptions = {}): Validated<AnyMessage> {
  if (!isRecord(raw)) return { ok: false, error: 'message is not an object' };
  const type = raw.type;
  const fields = typeof type === 'string' ? checksFor(type, opts) : undefined;
  if (typeof type !== 'string' || !fields) {
    return { ok: false, error: `unknown message type ${JSON.stringify(typeof type === 'string' ? type.slice(0, 64) : type)}` };
  }
  const e = shape({ type: () => null, ...fields })(raw);
  if (e) return { ok: false, error: `${type}: ${e}` };
  const copy: Record<string, unknown> = { type };
  for (const k of Object.keys(fields)) copy[k] = raw[k];
  if (type === 'page/article' || type === 'page/recheck') copy.meta = pickMeta(raw.meta as PageMeta);
  return { ok: true, value: copy as unknown as AnyMessage };
}

const META_KEYS: (keyof PageMeta)[] = [
  'url',
  'canonicalUrl',
  'title',
  'siteName',
  'publishedTime',
  'publishedFrom',
  'modifiedTime',
  'lang',
  'byline',
  'jsonLd',
  'syndicationSource',
  'originalSource',
  'links',
];

function pickMeta(meta: PageMeta): PageMeta {
  const out: Record<string, unknown> = {};
  for (const k of META_KEYS) if (meta[k] !== undefined) out[k] = meta[k];
  return out as PageMeta;
}

/** Validates a partial settings object (from the options page). */
export function validateSettingsPatch(raw: unknown): Validated<Partial<Settings>> {
  const e = checkPartialSettings(raw);
  return e ? { ok: false, error: e } : { ok: true, value: { ...(raw as Partial<Settings>) } };
}

/**
 * Settings as stored, checked field by field against the defaults: a field that is missing or
 * invalid (older or damaged storage) takes its default, so loading settings never fails.
 */
export function normalizeSettings(raw: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, excludedSites: [...DEFAULT_SETTINGS.excludedSites] };
  if (!isRecord(raw)) return out;
  for (const key of Object.keys(SETTING_CHECKS) as (keyof Settings)[]) {
    if (raw[key] !== undefined && SETTING_CHECKS[key](raw[key]) === null) {
      (out as unknown as Record<string, unknown>)[key] = key === 'excludedSites' ? [...(raw[key] as string[])] : raw[key];
    }
  }
  return out;
}

/** Normalises what a reader types as a site to exclude ("https://www.Example.com/x" -> "example.com"). */
export function normalizeHost(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) s = new URL(s).hostname;
  } catch {
    return null;
  }
  // "www." is dropped: an excluded site covers its subdomains, www included.
  s = s
    .replace(/\/.*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  return hostName(s) === null ? s : null;
}

/** Whether host is one of the excluded sites or a subdomain of one. */
export function isExcludedHost(host: string, excluded: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return excluded.some((site) => h === site || h.endsWith(`.${site}`));
}

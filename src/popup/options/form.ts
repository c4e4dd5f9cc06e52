// Reading and checking the options form. Pure: takes the raw field values, returns either
// the settings to save or, per field, what is wrong in words the reader can act on.
import type { Settings } from '../../protocol/messages.ts';
import { SETTINGS_LIMITS, normalizeHost } from '../../protocol/validate.ts';
import { formatCount } from '../../ui/format.ts';
import { pluralKey, t, type MessageKey } from '../../ui/i18n.ts';

export interface FormValues {
  sensitivity: string;
  excludedSites: string;
  maxArticles: string;
  maxAgeDays: string;
  indexPrivate: boolean;
}

export type FieldErrors = Partial<Record<keyof FormValues, string>>;

/** What the Save button saves: the pause switch lives in the popup, the ribbon's appearance saves as it is chosen (appearance.ts). */
export type FormResult = { ok: true; settings: Omit<Settings, 'paused' | 'ribbonMode' | 'ribbonPosition'> } | { ok: false; errors: FieldErrors };

/** The two errors of a number field: not a whole number, and out of range (each with $MIN$ and $MAX$). */
type NumberErrors = { whole: MessageKey; range: MessageKey };

function wholeNumber(raw: string, min: number, max: number, what: NumberErrors): number | string {
  const s = raw.trim().replace(/[,\s_]/g, '');
  if (!/^\d+$/.test(s)) return t(what.whole, formatCount(min), formatCount(max));
  const n = Number(s);
  if (n < min || n > max) return t(what.range, formatCount(min), formatCount(max));
  return n;
}

/** Hosts from the textarea: one per line, URLs reduced to their host, duplicates dropped. */
export function parseSites(raw: string): { hosts: string[]; bad: string[] } {
  const hosts: string[] = [];
  const bad: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry || entry.startsWith('#')) continue;
    const host = normalizeHost(entry);
    if (host === null) bad.push(entry);
    else if (!hosts.includes(host)) hosts.push(host);
  }
  return { hosts, bad };
}

export function readForm(v: FormValues): FormResult {
  const errors: FieldErrors = {};
  const sensitivity = v.sensitivity === 'low' || v.sensitivity === 'normal' || v.sensitivity === 'high' ? v.sensitivity : null;
  if (!sensitivity) errors.sensitivity = t('options_errSensitivity');
  const { hosts, bad } = parseSites(v.excludedSites);
  if (bad.length) {
    const shown = bad
      .slice(0, 3)
      .map((b) => `"${b.length > 60 ? `${b.slice(0, 60)}…` : b}"`)
      .join(', ');
    const more = bad.length - 3;
    errors.excludedSites = more > 0 ? t(pluralKey('options_errSitesMore', more), shown, formatCount(more)) : t('options_errSites', shown);
  }
  const { maxArticles: ma, maxAgeDays: md } = SETTINGS_LIMITS;
  const maxArticles = wholeNumber(v.maxArticles, ma.min, ma.max, { whole: 'options_errMaxArticlesWhole', range: 'options_errMaxArticlesRange' });
  if (typeof maxArticles === 'string') errors.maxArticles = maxArticles;
  const maxAgeDays = wholeNumber(v.maxAgeDays, md.min, md.max, { whole: 'options_errMaxAgeWhole', range: 'options_errMaxAgeRange' });
  if (typeof maxAgeDays === 'string') errors.maxAgeDays = maxAgeDays;
  if (Object.keys(errors).length || !sensitivity || typeof maxArticles !== 'number' || typeof maxAgeDays !== 'number') {
    return { ok: false, errors };
  }
  return { ok: true, settings: { sensitivity, excludedSites: hosts, maxArticles, maxAgeDays, indexPrivate: v.indexPrivate } };
}

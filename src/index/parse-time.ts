// Reading a page's stated date as ms since epoch, the same way in every browser. Date.parse
// reads only ISO 8601 and its own output alike in every engine; pages also state dates as
// "+0000" offsets, Unix timestamps, "March 18, 2015" and "Wed 18 Mar 2015 10.00 GMT", which
// engines read differently or not at all. So those forms are read here, and an invalid
// calendar date ("2015-02-30", which Date.parse rolls over to March 2) is refused.
// A date without a time is midnight UTC, whatever its form, as ISO 8601 date-only strings are;
// a time without a zone is the reader's local time, as Date.parse takes ISO date-times.

/** Longer than any date a page states: a longer value is not a date. */
const MAX_CHARS = 120;

/** A date as found on a page, in ms since epoch; undefined when absent, unreadable or no real date. */
export function parseTime(value: string | undefined): number | undefined {
  const s = value?.trim();
  if (!s || s.length > MAX_CHARS) return undefined;
  const t = epochNumber(s) ?? isoLike(s) ?? textual(s) ?? legacy(s);
  return t !== undefined && Number.isFinite(t) && t > 0 ? t : undefined;
}

/** Unix seconds (9-10 digits, 1973-2286) or milliseconds (12-13 digits), as data attributes give them. */
function epochNumber(s: string): number | undefined {
  if (/^\d{9,10}$/.test(s)) return Number(s) * 1000;
  if (/^\d{12,13}$/.test(s)) return Number(s);
  return undefined;
}

const ISO = /^(\d{4})(-?)(\d{2})\2(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** ISO 8601 and its common variants: "+0000", a space for "T", basic format "20150318". */
function isoLike(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, , mo, d, h, mi, sec, frac, zone] = m;
  if (!validDate(+y, +mo, +d) || (h !== undefined && !validTime(+h, +mi, +(sec ?? 0)))) return undefined;
  let iso = `${y}-${mo}-${d}`;
  if (h !== undefined) iso += `T${h}:${mi}:${sec ?? '00'}${frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : ''}${isoZone(zone)}`;
  return Date.parse(iso);
}

function isoZone(zone: string | undefined): string {
  if (!zone) return '';
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 'Z';
  const m = /^([+-]\d{2}):?(\d{2})?$/.exec(zone);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/;
/** Zone abbreviations in minutes east of UTC: those Date.parse knows, and the common European ones. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};
/** US zones named without standard/daylight ("ET"): their offset in winter; an hour more in summer. */
const US_ZONES: Record<string, number> = { et: -300, ct: -360, mt: -420, pt: -480 };

interface DateParts {
  year?: number;
  month?: number;
  day?: number;
  time?: [number, number, number];
  zone?: number | 'us-et' | 'us-ct' | 'us-mt' | 'us-pt';
}

/**
 * Dates in words, each part in any order: "March 18, 2015", "Mar. 18th, 2015 10:00 a.m. EDT",
 * "18 March 2015", "Wed, 18 Mar 2015 10:00:00 GMT" (RFC 2822), "10:00 AM ET, Wed March 18, 2015",
 * "18.03.2015". Every word must be understood: a string with any other word is not read.
 */
function textual(s: string): number | undefined {
  const parts = dateParts(s.toLowerCase().replace(/\([^)]*\)/g, ' '));
  if (!parts || parts.year === undefined || parts.month === undefined || parts.day === undefined) return undefined;
  const { year, month, day, time } = parts;
  if (!validDate(year, month, day)) return undefined;
  if (!time) return Date.UTC(year, month - 1, day);
  const [h, mi, sec] = time;
  if (!validTime(h, mi, sec)) return undefined;
  const zone = zoneOffset(parts.zone, year, month, day);
  if (zone === undefined) return new Date(year, month - 1, day, h, mi, sec).getTime();
  return Date.UTC(year, month - 1, day, h, mi, sec) - zone * 60_000;
}

const TOKEN =
  /\s*(?:(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?|(?:gmt|utc)?([+-])(\d{2}):?(\d{2})|(\d{1,4})(?:st|nd|rd|th)?\b|([a-z]+)\.?|[,|\-–—/])/y;

/** The parts of a date in words, or undefined when a word is not part of a date or a part repeats. */
function dateParts(s: string): DateParts | undefined {
  const out: DateParts = {};
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < s.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(s);
    if (!m || TOKEN.lastIndex === start) return /^\s*$/.test(s.slice(start)) ? out : undefined;
    if (!applyToken(out, m)) return undefined;
  }
  return out;
}

/** Puts one token into the parts; false when it is not part of a date or repeats a part. */
function applyToken(out: DateParts, m: RegExpExecArray): boolean {
  const [, dd, dm, dy, h, mi, sec, ampm, sign, oh, om, num, word] = m;
  if (dy !== undefined) return setOnce(out, 'day', +dd) && setOnce(out, 'month', +dm) && setOnce(out, 'year', +dy);
  if (h !== undefined) {
    if (out.time) return false;
    let hour = +h;
    if (ampm) {
      if (hour < 1 || hour > 12) return false;
      hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
    }
    out.time = [hour, +mi, +(sec ?? 0)];
    return true;
  }
  if (sign !== undefined) return setOnce(out, 'zone', (sign === '-' ? -1 : 1) * (+oh * 60 + +om));
  if (num !== undefined) return num.length === 4 ? setOnce(out, 'year', +num) : num.length <= 2 && setOnce(out, 'day', +num);
  if (word !== undefined) return applyWord(out, word);
  return true;
}

function applyWord(out: DateParts, word: string): boolean {
  if (['at', 'on', 'the', 'of'].includes(word) || WEEKDAY.test(word)) return true;
  const month = MONTHS.indexOf(word.slice(0, 3));
  if (month >= 0 && (word.length === 3 || word === 'sept' || monthName(month).startsWith(word))) return setOnce(out, 'month', month + 1);
  if (word in ZONES) return setOnce(out, 'zone', ZONES[word]);
  if (word in US_ZONES) return setOnce(out, 'zone', `us-${word}` as DateParts['zone']);
  return false;
}

function monthName(i: number): string {
  return ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
}

function setOnce<K extends keyof DateParts>(out: DateParts, key: K, value: DateParts[K]): boolean {
  if (out[key] !== undefined) return false;
  out[key] = value;
  return true;
}

/** Minutes east of UTC; a US zone named without standard/daylight follows the US daylight-saving rule. */
function zoneOffset(zone: DateParts['zone'], year: number, month: number, day: number): number | undefined {
  if (typeof zone !== 'string') return zone;
  return US_ZONES[zone.slice(3)] + (usDaylight(year, month, day) ? 60 : 0);
}

/** US daylight saving time (since 2007): from the second Sunday of March to the first Sunday of November. */
function usDaylight(year: number, month: number, day: number): boolean {
  const sunday = (m: number, nth: number): number => {
    const first = new Date(Date.UTC(year, m - 1, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (nth - 1);
  };
  if (month < 3 || month > 11) return false;
  if (month > 3 && month < 11) return true;
  return month === 3 ? day >= sunday(3, 2) : day < sunday(11, 1);
}

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validTime(h: number, mi: number, s: number): boolean {
  return h <= 24 && mi <= 59 && s <= 60 && (h < 24 || (mi === 0 && s === 0));
}

/** Whatever else Date.parse reads, as before, when it names a day or month and the year it
 * finds is written in it (Date.parse takes "1" for 2001, "Published 12" for December 2001 and
 * "foo 2015" for a date); an ISO date refused above (February 30) stays refused. */
function legacy(s: string): number | undefined {
  if (/^\d{4}-?\d{2}-?\d{2}(?:\D|$)/.test(s)) return undefined;
  if (!/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(s) && !/\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(s)) return undefined;
  const t = Date.parse(s);
  if (!Number.isFinite(t)) return undefined;
  const years = [new Date(t).getUTCFullYear(), new Date(t).getFullYear()];
  return years.some((y) => new RegExp(`(?:^|\\D)${y}(?:\\D|$)`).test(s)) ? t : undefined;
}

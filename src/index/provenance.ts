// Credited sources: what a page itself says about where its story came from.
//
// Text credits are read in two steps: a credit phrase ("according to", "told", "laut", "selon",
// "Axios reported", ...) is found case-insensitively, so that it counts at the start of a sentence
// too, and the name next to it is then read case-sensitively, because an outlet is a proper name.
// The name is then judged: people, institutions, groups, pronouns and dates are refused. When a
// name could be a person's or an outlet's, it is refused unless something says it is an outlet
// (a "newspaper"/"news site" cue, a "'s report", a reporter of it, a link to its host): a missed
// credit only leaves a sentence off the ribbon, a false one tells the reader something untrue.
import { hostKey, hostOf, outletKey } from './outlet.ts';
import { INSTITUTION_WORDS, OUTLET_WORDS, DATE_WORDS, NOT_FIRST, NOT_OUTLETS, INSTITUTION_ENDING, WIRES, LEADING_WORDS, FOLLOWERS } from './credit-words.ts';
import { STOPWORDS } from './stopwords.ts';
import type { Credit, CreditKind, PageMeta } from './types.ts';

/** Where the outlet's name stands relative to the phrase that credits it. */
type Side = 'after' | 'before';

interface CreditPhrase {
  re: RegExp;
  side: Side;
  /** The phrase itself says the name is an outlet ("the newspaper X", "a report by X"). */
  outletCue?: boolean;
  /** Any lower-case word may follow the name (German puts the verb there: "Laut Spiegel plant ..."). */
  anyFollower?: boolean;
  /** The phrase is a noun ("newspaper", "agência"), which may instead be part of a name ("Agência Brasil"). */
  noun?: boolean;
}

/** A case-insensitive credit phrase that ends where the name starts (or starts where it ends). */
function phrase(source: string, side: Side, extra: Omit<CreditPhrase, 're' | 'side'> = {}): CreditPhrase {
  const body = side === 'after' ? String.raw`(?<![\p{L}\p{N}])(?:${source})\s+` : String.raw`\s+(?:${source})(?![\p{L}\p{N}])`;
  return { re: new RegExp(body, 'giu'), side, ...extra };
}

/** "a report by", "an exclusive story in", "the investigation published by". */
const REPORT_BY = String.raw`(?:an?|the)\s+(?:[\p{L}-]+\s+){0,2}?(?:report|story|article|investigation|scoop|interview)\s+(?:by|from|in|published\s+by|on)`;
/** "the Israeli news site", "the Hebrew-language daily", "la agencia", "il quotidiano". */
const OUTLET_NOUN = String.raw`(?:news\s*(?:site|website|outlet|agency|portal|service|channel|network|magazine)|newspaper|daily|weekly|broadcaster|tabloid|magazine|outlet|website|wire\s+service|site(?:\s+(?:web|d'information|de\s+notícias|de\s+noticias))?|journal|quotidien|hebdomadaire|agence|chaîne|diario|periódico|agencia|cadena|jornal|agência|revista|emissora|quotidiano|giornale|agenzia|testata|Zeitung|Nachrichtenagentur|Nachrichtenseite|Nachrichtenportal|Nachrichtenmagazin|Magazin|Sender|Portal)`;

/** Credit phrases, strongest first: where two overlap, the first one found keeps the text. */
const CREDIT_PHRASES: CreditPhrase[] = [
  // "the news site X", "according to the Israeli newspaper X", "selon le quotidien X"
  phrase(String.raw`${OUTLET_NOUN}(?:\s+(?:[\p{Ll}-]+|[\p{Lu}][\p{Ll}-]+-language)){0,2}?`, 'after', { outletCue: true, anyFollower: true, noun: true }),
  phrase(String.raw`(?:according\s+to|citing|cited\s+in)\s+${REPORT_BY}`, 'after', { outletCue: true }),
  phrase(String.raw`(?:laut|nach)\s+(?:einem|dem)\s+(?:[\p{L}-]+\s+)?(?:Bericht|Artikel)\s+(?:des|der|von|im|in\s+der)`, 'after', {
    outletCue: true,
    anyFollower: true,
  }),
  // English: "told X", "told Barak Ravid of X", "told X's Barak Ravid" (the reporter is read with the name)
  phrase(String.raw`told|tells|telling|said\s+to|speaking\s+to|spoke\s+to|in\s+an\s+interview\s+with|confirmed\s+to`, 'after'),
  phrase(
    String.raw`according\s+to|citing|via|cited\s+by|(?:first\s+|originally\s+|as\s+)?reported\s+(?:(?:earlier|first|previously|on\s+\p{Lu}\p{Ll}+|last\s+\p{Ll}+)\s+)?by|first\s+published\s+by|as\s+(?:first\s+)?reported\s+in`,
    'after',
  ),
  // French
  phrase(
    String.raw`selon|d['’]après|(?:a\s+)?rapporté|rapporte|(?:a\s+)?révélé|révèle|cité\s+par|relayé\s+par|(?:a\s+)?(?:déclaré|affirmé|indiqué|confié|dit)\s+(?:à|au)`,
    'after',
  ),
  // Spanish
  phrase(String.raw`según|informó|informa|de\s+acuerdo\s+con|citado\s+por|citando\s+a|publicó|reveló|(?:le\s+)?(?:dijo|declaró|contó|confirmó)\s+a`, 'after'),
  // Portuguese
  phrase(
    String.raw`segundo|de\s+acordo\s+com|conforme|informou|noticiou|publicou|revelou|citado\s+pelo|(?:disse|declarou|afirmou|confirmou)\s+(?:ao|à|a)`,
    'after',
  ),
  // Italian
  phrase(
    String.raw`secondo|riporta|riferisce|scrive|(?:ha\s+)?riferito|(?:ha\s+)?riportato|citato\s+da|(?:ha\s+)?(?:detto|dichiarato|confermato)\s+(?:a|al|alla)`,
    'after',
  ),
  // German
  phrase(String.raw`laut|berichtete|berichtet|meldete|meldet|unter\s+Berufung\s+auf|(?:sagte|erklärte|bestätigte)\s+(?:der|dem|die)`, 'after', {
    anyFollower: true,
  }),
  // The name first: "Axios reported", "as Axios first reported", "wie der Spiegel berichtete", "El País informó"
  phrase(
    String.raw`(?:first\s+|also\s+|previously\s+|earlier\s+|originally\s+)?(?:reported|reports|has\s+reported|had\s+reported|revealed|broke\s+the\s+news|was\s+(?:the\s+)?first\s+to\s+report)|berichtete|berichtet|meldete|meldet|zufolge|informó|publicó|reveló|informou|noticiou|publicou|revelou|rapporte|a\s+rapporté|a\s+révélé|révèle|riporta|ha\s+riferito|ha\s+riportato|scrive`,
    'before',
  ),
];

/** Wire-service datelines: "GAZA CITY (AP) —", also in running text. */
const DATELINE = /\((AP|Reuters|AFP|UPI|dpa|DPA|Xinhua|Bloomberg|ANI|PTI|IANS|EFE|ANSA|Anadolu|TASS|Kyodo)\)\s*[—–-]/gu;
/** Any dateline at the start of a line: "JERUSALEM (JNS) —", "LONDON, March 31 (Reuters) -". */
const LINE_DATELINE = /^[ \t]*\p{Lu}{2,}[^\n()]{0,60}?\(([^()\n]{2,60})\)[ \t]*[—–-]/gmu;
/** "Source: X", "Quelle: dpa", "Fuente: EFE", "Fonte: Agência Brasil" at the start of a line or in brackets. */
const SOURCE_LINE = /(?:^|[([])[ \t]*(?:sources?|quellen?|fuentes?|fontes?)[ \t]*:[ \t]*([^\n)\]]{2,120})/gimu;
/** "With AP", "(With AFP/Reuters)", "— With Reuters and AP" ending a line or bracket. */
const WITH_LINE = /(?:^|[(\n])[ \t]*(?:[—–-][ \t]*)?with[ \t]+([^\n()]{2,60}?)[ \t.]*(?=$|\))/gimu;
/** A wire agency's credit line: "(Reporting by Jane Doe; Editing by John Smith)". */
const REPORTING_LINE = /^.*\b(?:additional\s+)?reporting\s+by\b.*$/gimu;

/** Lower-case wire names, written that way by their own house style. */
const LOWER_CASE_OUTLETS = new Set(['dpa', 'apa', 'epd', 'kna', 'sda']);
/** Articles a language puts before an outlet's name: "der Spiegel", "l'AFP", "al Corriere". */
const ARTICLE = String.raw`(?:the|der|die|das|dem|den|des|le|la|les|l['’]|el|los|las|del|al|o|a|os|as|ao|à|do|da|pelo|pela|il|lo|gli|i|dal|dalla|della|alla|au|du)`;
/** One word of a name: capitalised, an acronym with dots (U.S.), or a host name (axios.com). */
const WORD = String.raw`(?:(?:\p{Lu}\.){2,}|[\p{Lu}\p{N}][\p{L}\p{N}&'’-]*(?:\.[\p{L}][\p{L}\p{N}-]*)*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}|dpa|apa|epd|kna|sda)`;
/** Small words inside a name: "Times of Israel", "Corriere della Sera", "Diário de Notícias". */
const CONNECTOR = String.raw`(?:of|de|del|della|di|du|des|da|do|dos|das|der|y|e|&|and)`;
const NAME_AFTER = new RegExp(String.raw`(?:${ARTICLE}\s+|l['’])?(${WORD}(?:[ \t]+(?:${CONNECTOR}[ \t]+)?${WORD}){0,6})`, 'uy');
const NAME_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}&'’.-])(${WORD}(?:[ \t]+(?:${CONNECTOR}[ \t]+)?${WORD}){0,6})$`, 'u');

/** Titles before a surname that show the surname is a person's ("Mr. Kirby", "President Biden"). */
const TITLE = String.raw`(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Adm|Prof|President|Minister|Secretary|Senator|Ambassador|Speaker|Spokesperson|Spokesman|Chancellor|King|Queen|Prince|Pope|Governor|General|Admiral|Judge|Justice|Herr|Frau|M|Mme|Sr|Sra|Sig|Signor)\.?`;

/** Whether a word is a capitalised given name or surname ("Barak", "McCarthy", "Abu-Akleh"). */
function isNameWord(w: string): boolean {
  return /^\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:[-'’]\p{Lu}?\p{Ll}+)*$/u.test(w);
}

/** Whether a name reads like a person's: two or three name words, no article, no outlet word. */
function looksLikePerson(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 3) return false;
  if (/^(?:al|el|le|la|les|los|las|der|die|das|the|il|lo|o|a|de|di|du)$/i.test(words[0])) return false;
  return words.every((w) => isNameWord(w) && !OUTLET_WORDS.has(w.toLowerCase()));
}

/** Verbs of speaking after a full name: at the start of a sentence they tell "John Kirby said" from "Citing Axios,". */
const SPOKE =
  /^[ \t]+(?:said|says|told|added|wrote|stated|explained|noted|argued|tweeted|sagte|erklärte|a\s+déclaré|a\s+dit|dijo|declaró|disse|afirmou|ha\s+detto|ha\s+dichiarato)\b/u;

/** Whether a capitalised word before a surname can be a given name. */
function canBeGivenName(word: string): boolean {
  const w = word.toLowerCase();
  return ![STOPWORDS, LEADING_WORDS, NOT_FIRST, DATE_WORDS, OUTLET_WORDS, INSTITUTION_WORDS].some((set) => set.has(w));
}

/** Whether the text elsewhere uses a one-word name as a person's surname ("John Kirby", "Mr. Kirby"). */
function usedAsSurname(text: string, word: string): boolean {
  const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(String.raw`(?:\b${TITLE}|(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}+))[ \t]+${esc}(?![\p{L}\p{N}])`, 'gmu');
  for (const m of text.matchAll(re)) {
    if (!m[1]) return true;
    if (!canBeGivenName(m[1])) continue;
    const at = m.index ?? 0;
    const sentenceStart = /(?:^|[.!?:]["”’]?)\s*$/u.test(text.slice(Math.max(0, at - 4), at));
    if (!sentenceStart || SPOKE.test(text.slice(at + m[0].length, at + m[0].length + 20))) return true;
  }
  return false;
}

/** Trailing possessive, dots and spaces off a name: "Axios's" -> "Axios". */
function clean(name: string): string {
  return name
    .replace(/[’'](s)?$/u, '')
    .replace(/[\s]+$/, '')
    .replace(/(?<!\b\p{Lu})\.$/u, '')
    .trim();
}

/** A name read from the text, with what the words around it say about it. */
interface Candidate {
  name: string;
  /** Something says this is an outlet: a cue noun, a reporter of it, its report. */
  outletCue: boolean;
  /** A word that may not follow an outlet does ("told Israeli officials"). */
  badFollower: boolean;
  /** The words as read, for the evidence: "Barak Ravid of Axios". */
  shown: string;
}

/** Splits "Barak Ravid of Axios" into the reporter and the outlet; undefined when it is one name. */
function reporterOf(words: readonly string[]): string | undefined {
  const of = words.indexOf('of');
  if (of < 2 || of === words.length - 1) return undefined;
  const head = words.slice(0, of);
  return looksLikePerson(head) || head.some((w) => /^(?:reporter|correspondent|editor)$/i.test(w)) ? words.slice(of + 1).join(' ') : undefined;
}

/** Drops days and months a name swallowed at its end: "Axios Sunday" -> "Axios". */
function dropTrailingDates(words: string[]): string[] {
  const connector = new RegExp(`^${CONNECTOR}$`, 'u');
  while (words.length > 1 && (DATE_WORDS.has(words[words.length - 1].toLowerCase()) || connector.test(words[words.length - 1]))) words.pop();
  return words;
}

/** Reads the name that starts at `at`, after a credit phrase. */
function nameAfter(text: string, at: number, anyFollower: boolean): Candidate | undefined {
  NAME_AFTER.lastIndex = at;
  const m = NAME_AFTER.exec(text);
  if (!m) return undefined;
  let raw = m[1];
  let outletCue = false;
  // A possessive ends the outlet's name: "Axios' Barak Ravid", "Axios's report".
  const poss = /^(.*?[\p{L}\p{N}])(?:['’]s|s['’])(?=\s|$)/u.exec(raw) ?? /^(.*?[\p{L}\p{N}])['’](?=\s)/u.exec(raw);
  let rest = '';
  if (poss) {
    rest = raw.slice(poss[0].length).trim();
    raw = poss[0];
    const nextWords = text.slice(at + m[0].length - m[1].length + poss[0].length).trimStart();
    if (
      (rest && looksLikePerson(rest.split(/\s+/).slice(0, 3))) ||
      /^(?:report|reporting|reporter|story|scoop|article|correspondent|journalist|investigation|coverage)\b/iu.test(nextWords)
    )
      outletCue = true;
  }
  const end = at + m[0].length - m[1].length + raw.length;
  const words = dropTrailingDates(clean(raw).split(/\s+/));
  const reported = reporterOf(words);
  const name = reported ?? words.join(' ');
  const follower = /^[ \t]+(\p{Ll}[\p{L}'’-]*)/u.exec(text.slice(poss ? end + rest.length + 1 : end, end + rest.length + 40));
  const badFollower = !poss && !anyFollower && !!follower && !FOLLOWERS.has(follower[1]) && !STOPWORDS.has(follower[1]);
  const shown = poss && rest ? `${raw} ${rest}` : words.join(' ');
  return { name, outletCue: outletCue || !!reported, badFollower, shown };
}

/** Capitalised articles, which belong to a name at the start of a sentence ("Al Jazeera", "El País"). */
const ARTICLE_WORDS = new Set(['the', 'al', 'el', 'la', 'le', 'les', 'los', 'las', 'der', 'die', 'das', 'il', 'lo', 'o', 'a', 'os', 'as', 'i']);

/** Whether a capitalised word before a name only starts the sentence ("As", "Yesterday", "Según"). */
function leadingWord(word: string): boolean {
  const w = word.toLowerCase();
  return LEADING_WORDS.has(w) || DATE_WORDS.has(w) || (STOPWORDS.has(w) && !ARTICLE_WORDS.has(w));
}

/** Reads the name that ends at `at`, before a credit phrase ("as Axios reported"). */
function nameBefore(text: string, at: number): Candidate | undefined {
  const m = NAME_BEFORE.exec(text.slice(Math.max(0, at - 120), at));
  if (!m) return undefined;
  let words = m[1].split(/\s+/);
  // A name starts capitalised: "Wie der Spiegel" drops "Wie" and the connector "der".
  while (words.length > 0 && (leadingWord(words[0]) || (/^\p{Ll}/u.test(words[0]) && !LOWER_CASE_OUTLETS.has(words[0]) && !words[0].includes('.'))))
    words = words.slice(1);
  const shown = words.join(' ');
  let outletCue = false;
  const poss = words.map((w) => /['’]s?$/u.test(w)).lastIndexOf(true);
  if (poss >= 0 && looksLikePerson(words.slice(poss + 1))) {
    // "CNN's Jake Tapper reported": the reporter's outlet is credited.
    words = words.slice(0, poss + 1);
    outletCue = true;
  } else if (poss >= 0) {
    // "Israel's Channel 12 reported": the outlet is what follows the possessive.
    words = words.slice(poss + 1);
  }
  if (words.length === 0) return undefined;
  const name = clean(dropTrailingDates(words).join(' '));
  return { name, outletCue, badFollower: false, shown };
}

/** Why a name read next to a credit phrase is not an outlet, or undefined when it may be one. */
function refusal(c: Candidate, text: string, linkKeys: ReadonlySet<string>): string | undefined {
  const words = c.name.split(/\s+/).filter(Boolean);
  const key = outletKey(c.name);
  if (!key || key.length < 2) return 'empty';
  if (linkKeys.has(key)) return undefined; // the page links to this outlet's site
  if (c.badFollower && !/^\p{Lu}{2,}$/u.test(c.name)) return 'part of a longer noun phrase';
  const lower = words.map((w) => w.toLowerCase().replace(/[.’']/g, ''));
  if (NOT_OUTLETS.has(key) || DATE_WORDS.has(key) || NOT_FIRST.has(lower[0]) || (words.length === 1 && STOPWORDS.has(lower[0]))) return 'not a name';
  if (words[0] === words[0].toLowerCase() && !LOWER_CASE_OUTLETS.has(key) && !/\./.test(words[0])) return 'not a name';
  const institution = lower.some((w) => INSTITUTION_WORDS.has(w) || INSTITUTION_ENDING.test(w));
  if (institution && !OUTLET_WORDS.has(lower[lower.length - 1])) return 'an institution';
  if (WIRES.has(key)) return undefined;
  if (c.outletCue || lower.some((w) => OUTLET_WORDS.has(w))) return undefined;
  if (looksLikePerson(words)) return 'a person';
  if (words.length === 1 && isNameWord(words[0]) && usedAsSurname(text, words[0])) return 'a person';
  return undefined;
}

/** Bounds shared with the pack format (pack.ts), so that every record exports and imports again. */
const MAX_CREDITS = 100;
const MAX_NAME = 200;
const MAX_HOST = 253;

function add(out: Credit[], outletName: string, kind: CreditKind, evidence: string, hostName?: string): void {
  if (out.length >= MAX_CREDITS) return;
  const outlet = outletName.slice(0, MAX_NAME);
  const host = hostName && hostName.length <= MAX_HOST ? hostName : undefined;
  const key = (host ? hostKey(host) : outletKey(outlet)).slice(0, MAX_NAME);
  if (!key) return;
  const existing = out.find((c) => c.key === key);
  if (existing) {
    if (!existing.host && host) existing.host = host;
    return;
  }
  out.push({ outlet, key, kind, evidence: evidence.slice(0, 200), ...(host ? { host } : {}) });
}

/** German capitalises every noun; elsewhere a capitalised noun mid-sentence is part of a name ("Agência Brasil"). */
function nounInName(text: string, at: number, noun: string): boolean {
  if (!/^\p{Lu}/u.test(noun) || /^(?:Zeitung|Nachrichten|Magazin|Sender|Portal)/u.test(noun)) return false;
  return !/(?:^|[.!?]["”’]?)\s*$/u.test(text.slice(Math.max(0, at - 4), at));
}

/** What the text reads as credits: the name next to each credit phrase that survives `refusal`. */
function textCredits(text: string, selfKey: string, linkKeys: ReadonlySet<string>): { name: string; evidence: string }[] {
  const found: { name: string; evidence: string }[] = [];
  const taken: [number, number][] = [];
  for (const p of CREDIT_PHRASES) {
    for (const m of text.matchAll(p.re)) {
      const at = m.index ?? 0;
      if (p.noun && nounInName(text, at, m[0])) continue;
      const c = p.side === 'after' ? nameAfter(text, at + m[0].length, !!p.anyFollower) : nameBefore(text, at);
      if (!c) continue;
      const from = p.side === 'after' ? at : at - c.shown.length - 1;
      const to = p.side === 'after' ? at + m[0].length + c.shown.length : at + m[0].length;
      if (taken.some(([a, b]) => from < b && to > a)) continue;
      if (refusal({ ...c, outletCue: c.outletCue || !!p.outletCue }, text, linkKeys) || outletKey(c.name) === selfKey) continue;
      taken.push([from, to]);
      const evidence = p.side === 'after' ? `${m[0].trim()} ${c.shown}` : `${c.shown} ${m[0].trim()}`;
      found.push({ name: c.name, evidence });
    }
  }
  return found;
}

/** The names in a credit line's list: "AP/AFP", "Reuters and AP", "dpa, AFP". */
function listedNames(list: string): string[] {
  return list
    .split(/\s*(?:[/,;&]|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/u)
    .map((s) => clean(s.trim()))
    .filter(Boolean);
}

/** Whether a name standing alone on a credit line may be an outlet (not a person, an institution, a date). */
function listedOutlet(name: string, text: string, linkKeys: ReadonlySet<string>): boolean {
  if (!/^(?:\p{Lu}|dpa|apa|epd|kna|sda|[a-z0-9-]+\.[a-z]{2,})/u.test(name) || name.length > 60) return false;
  return !refusal({ name, outletCue: false, badFollower: false, shown: name }, text, linkKeys);
}

/** A credit line's name without the date or time a page prints after it on the same line ("AFP 31 Mar 2024 22:30"). */
function withoutDate(s: string): string {
  return s.replace(/\s+(?:\d{1,2}\s+\p{L}{3,9}\.?\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2})\b.*$/u, '');
}

/** Credits from wire-style lines: datelines, "Source: X", "With AP/AFP", "(Reporting by ...; ...)". */
function lineCredits(text: string, linkKeys: ReadonlySet<string>): { name: string; evidence: string; kind: CreditKind }[] {
  const out: { name: string; evidence: string; kind: CreditKind }[] = [];
  for (const m of text.matchAll(DATELINE)) out.push({ name: m[1], evidence: m[0], kind: 'dateline' });
  for (const m of text.matchAll(LINE_DATELINE))
    for (const n of listedNames(m[1])) if (listedOutlet(n, text, linkKeys)) out.push({ name: n, evidence: m[0].trim(), kind: 'dateline' });
  for (const re of [SOURCE_LINE, WITH_LINE])
    for (const m of text.matchAll(re))
      for (const n of listedNames(withoutDate(m[1]).replace(/[.\s]+$/, '')))
        if (listedOutlet(n, text, linkKeys)) out.push({ name: n, evidence: m[0].trim(), kind: 'text' });
  for (const m of text.matchAll(REPORTING_LINE)) {
    // The outlet named in the credit line itself: "(Reuters)", "for Reuters"; the people in it are not credits.
    for (const p of m[0].matchAll(/\(([^()]{2,40})\)|\bfor\s+([\p{Lu}][\p{L}&.'’ -]{1,40})/gu)) {
      const n = clean((p[1] ?? p[2]).trim());
      if (!/reporting|editing|writing/i.test(n) && listedOutlet(n, text, linkKeys)) out.push({ name: n, evidence: m[0].trim(), kind: 'text' });
    }
  }
  return out;
}

/** Credits found in the text and the metadata, each with the words or URL it rests on. */
export function extractCredits(text: string, meta: PageMeta = {}): Credit[] {
  const out: Credit[] = [];
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const selfKey = outletKey(meta.siteName ?? '') || hostKey(hostOf(meta.url));
  const selfHost = hostOf(meta.url);
  const linkKeys = new Set((meta.links ?? []).map((l) => hostKey(hostOf(l.href))).filter((k) => k && k !== hostKey(selfHost)));
  for (const c of lineCredits(sample, linkKeys)) if (outletKey(c.name) !== selfKey) add(out, c.name, c.kind, c.evidence);
  for (const c of textCredits(sample, selfKey, linkKeys)) add(out, c.name, 'text', c.evidence);
  for (const u of [meta.syndicationSource, meta.originalSource]) {
    const h = hostOf(u);
    if (h) add(out, h, 'meta', u!, h);
  }
  for (const u of meta.jsonLd?.isBasedOn ?? []) {
    const h = hostOf(u);
    if (h && h !== selfHost) add(out, h, 'jsonld', u, h);
  }
  for (const name of meta.jsonLd?.sourceOrganization ?? []) {
    if (name && outletKey(name) !== outletKey(meta.siteName ?? '')) add(out, name, 'jsonld', `sourceOrganization: ${name}`);
  }
  const canonHost = hostOf(meta.canonicalUrl);
  if (canonHost && selfHost && hostKey(canonHost) !== hostKey(selfHost)) add(out, canonHost, 'meta', `canonical: ${meta.canonicalUrl}`, canonHost);
  // A body link to a credited outlet is the best machine-readable credit: attach its host.
  for (const link of meta.links ?? []) {
    const h = hostOf(link.href);
    if (!h || h === selfHost) continue;
    const credit = out.find((c) => c.key === hostKey(h));
    if (credit) {
      if (h.length <= MAX_HOST) credit.host ??= h;
      if (credit.kind === 'text') credit.evidence = `${credit.evidence}; links to ${link.href}`.slice(0, 300);
    }
  }
  return out;
}

/** Whether these credits name the given outlet (by name key or host). */
export function creditsOutlet(credits: readonly Credit[], outletKeyValue: string, host: string): boolean {
  const hk = host ? hostKey(host) : '';
  return credits.some((c) => (outletKeyValue && c.key === outletKeyValue) || (hk && (c.key === hk || (c.host && hostKey(c.host) === hk))));
}

// The credit phrases a reader meets in six languages, each with the outlet it credits, and the
// look-alikes (people, institutions, groups, dates, pronouns) that must credit no one: a false
// credit tells the reader something untrue, so the negatives matter as much as the positives.
import { describe, expect, it } from 'vitest';
import { extractCredits, type PageMeta } from '../../src/index/index.ts';

/** A phrasing and the outlet key it credits ('' for none). */
type Row = [text: string, key: string];

export const CREDIT_PHRASINGS: Record<string, Row[]> = {
  English: [
    ['According to Axios, the meeting will be held on Monday.', 'axios'],
    ['The meeting will be held on Monday, according to Axios.', 'axios'],
    ['Citing Axios, the paper said the meeting would go ahead.', 'axios'],
    ['Four officials told Axios.', 'axios'],
    ['Four officials told Axios on Sunday that the meeting was set.', 'axios'],
    ['An official told Barak Ravid of Axios that the meeting was set.', 'axios'],
    ["An official told Axios' Barak Ravid that the meeting was set.", 'axios'],
    ["An official told Axios's Barak Ravid that the meeting was set.", 'axios'],
    ['The talks stalled, according to a report by Axios.', 'axios'],
    ["The talks stalled, according to Axios's report.", 'axios'],
    ['Axios first reported the meeting.', 'axios'],
    ['The meeting was first reported by Axios.', 'axios'],
    ['As Axios reported on Sunday, the meeting was set.', 'axios'],
    ['The meeting was set, as Axios reported.', 'axios'],
    ['Axios reported on Sunday that the meeting was set.', 'axios'],
    ['The news site Axios said the meeting was set.', 'axios'],
    ['According to the Times of Israel, the meeting was set.', 'timesofisrael'],
    ['The meeting was set, the Israeli newspaper Haaretz reported.', 'haaretz'],
    ['The Washington Post reported that the meeting was set.', 'washingtonpost'],
    ['WASHINGTON (Reuters) - The meeting was set.\n(Reporting by Jane Doe; Editing by John Smith)', 'reuters'],
    ['The meeting was set.\n(Reporting by Jane Doe for Reuters; Editing by John Smith)', 'reuters'],
    ['The meeting was set.\nSource: Axios', 'axios'],
    ['Source: AFP 31 Mar 2024 22:30\nThe meeting was set.', 'afp'],
    ['The meeting was set.\nWith AFP', 'afp'],
    ['The meeting was set.\n(With AP/AFP)', 'ap'],
    ['The meeting was set, according to axios.com.', 'axios'],
  ],
  German: [
    ['Laut Spiegel ist das Treffen für Montag geplant.', 'spiegel'],
    ['Das Treffen ist laut dem Spiegel für Montag geplant.', 'spiegel'],
    ['Wie der Spiegel berichtete, ist das Treffen geplant.', 'spiegel'],
    ['Das Treffen ist geplant, wie die Süddeutsche Zeitung berichtete.', 'suddeutschezeitung'],
    ['Der Spiegel berichtete am Sonntag über das Treffen.', 'derspiegel'],
    ['Das Treffen sei geplant, berichtet die Frankfurter Allgemeine Zeitung.', 'frankfurterallgemeinezeitung'],
    ['Das Treffen ist geplant.\nQuelle: dpa', 'dpa'],
    ['Dem Nachrichtenportal Axios zufolge ist das Treffen geplant.', 'axios'],
  ],
  French: [
    ['Selon Le Monde, la réunion aura lieu lundi.', 'lemonde'],
    ['La réunion aura lieu lundi, selon Le Monde.', 'lemonde'],
    ["D'après le site Axios, la réunion aura lieu lundi.", 'axios'],
    ['La réunion aura lieu lundi, a rapporté Le Figaro.', 'lefigaro'],
    ['La réunion aura lieu lundi, rapporte Libération.', 'liberation'],
    ["Un responsable a déclaré à l'AFP que la réunion aura lieu.", 'afp'],
    ['La réunion aura lieu lundi.\nSource : AFP', 'afp'],
  ],
  Spanish: [
    ['Según El País, la reunión será el lunes.', 'elpais'],
    ['La reunión será el lunes, según El País.', 'elpais'],
    ['La reunión será el lunes, informó El Mundo.', 'elmundo'],
    ['De acuerdo con Axios, la reunión será el lunes.', 'axios'],
    ['La reunión, citado por Reuters, será el lunes.', 'reuters'],
    ['La reunión será el lunes.\nFuente: EFE', 'efe'],
    ['Un funcionario le dijo a Axios que la reunión será el lunes.', 'axios'],
  ],
  Portuguese: [
    ['Segundo o Globo, a reunião será na segunda-feira.', 'globo'],
    ['A reunião será na segunda-feira, segundo o Globo.', 'globo'],
    ['De acordo com o Axios, a reunião será na segunda-feira.', 'axios'],
    ['A reunião será na segunda-feira, informou o Globo.', 'globo'],
    ['A reunião será na segunda-feira.\nFonte: Agência Brasil', 'agenciabrasil'],
  ],
  Italian: [
    ['Secondo Repubblica, la riunione si terrà lunedì.', 'repubblica'],
    ['La riunione si terrà lunedì, secondo il Corriere della Sera.', 'corrieredellasera'],
    ['La riunione si terrà lunedì, riporta Axios.', 'axios'],
    ['La riunione si terrà lunedì, ha riferito la Stampa.', 'stampa'],
    ["Secondo l'agenzia ANSA, la riunione si terrà lunedì.", 'ansa'],
  ],
};

/** Sentences with a credit phrase and no outlet in it. */
export const NOT_CREDITS: Record<string, string[]> = {
  English: [
    'According to John Kirby, the meeting will be held on Monday.',
    'The meeting will be held on Monday, according to John Kirby.',
    'According to Barak Ravid, the meeting will be held.',
    'According to the Health Ministry, 30 people died.',
    'Thirty people died, according to the Health Ministry.',
    'Citing officials, the paper said the meeting would go ahead.',
    'Citing Israeli officials, the paper said the meeting would go ahead.',
    'Kirby told reporters that the meeting was set.',
    'According to the White House, the meeting was set.',
    'According to the police, the man was arrested.',
    'According to Police, the man was arrested.',
    'According to sources, the meeting was set.',
    'According to him, the meeting was set.',
    "According to Monday's statement, the meeting was set.",
    'The Gaza Health Ministry reported that 30 people died.',
    'According to President Biden, the meeting was set.',
    'John Kirby said the meeting was set. According to Kirby, it will be virtual.',
    'Biden told Netanyahu several times that he opposed it.',
    'The meeting will be held via Zoom.',
    'According to the United Nations, 30 people died.',
    'Source: Websites 31 Mar 2024 22:30\nThe meeting was set.',
    'The meeting was set.\nSource: Agencies',
    'The meeting was set.\nSources: News agencies and social media',
  ],
  German: [
    'Laut Angaben der Polizei wurde der Mann festgenommen.',
    'Laut Polizei wurde der Mann festgenommen.',
    'Laut Olaf Scholz ist das Treffen geplant.',
    'Laut dem Gesundheitsministerium starben 30 Menschen.',
    'Laut Medienberichten ist das Treffen geplant.',
  ],
  French: [
    'Selon Emmanuel Macron, la réunion aura lieu lundi.',
    'Selon le ministère de la Santé, 30 personnes sont mortes.',
    'Selon des sources, la réunion aura lieu lundi.',
    'Selon lui, la réunion aura lieu lundi.',
  ],
  Spanish: [
    'Según Pedro Sánchez, la reunión será el lunes.',
    'Según el Ministerio de Salud, murieron 30 personas.',
    'Según fuentes oficiales, la reunión será el lunes.',
    'Según él, la reunión será el lunes.',
  ],
  Portuguese: [
    'Segundo Lula Silva, a reunião será na segunda-feira.',
    'Segundo o Ministério da Saúde, morreram 30 pessoas.',
    'Segundo fontes, a reunião será na segunda-feira.',
    'Segundo ele, a reunião será na segunda-feira.',
  ],
  Italian: [
    'Secondo Giorgia Meloni, la riunione si terrà lunedì.',
    'Secondo il Ministero della Salute, sono morte 30 persone.',
    'Secondo fonti, la riunione si terrà lunedì.',
    'Secondo lui, la riunione si terrà lunedì.',
  ],
};

const keys = (text: string, meta?: PageMeta) => extractCredits(text, meta).map((c) => c.key);

describe('credit phrasings', () => {
  for (const [language, rows] of Object.entries(CREDIT_PHRASINGS)) {
    it.each(rows)(`${language}: %s`, (text, key) => {
      expect(keys(text)).toContain(key);
    });
  }
});

describe('names that are not outlets', () => {
  for (const [language, rows] of Object.entries(NOT_CREDITS)) {
    it.each(rows)(`${language}: %s`, (text) => {
      expect(keys(text)).toEqual([]);
    });
  }
});

describe('what tells an outlet from a person', () => {
  it('refuses a two-word name that reads like a person, unless a link to its site says otherwise', () => {
    const text = 'According to Israel Hayom, the meeting was set.';
    expect(keys(text)).toEqual([]);
    expect(keys(text, { url: 'https://copy.example/a', links: [{ href: 'https://www.israelhayom.com/x', text: 'Israel Hayom' }] })).toEqual(['israelhayom']);
  });
  it('takes a person-like name when a cue says it is an outlet', () => {
    expect(keys('The meeting was set, the Israeli daily Yedioth Ahronoth reported.')).toEqual(['yediothahronoth']);
  });
  it('keeps the reporter out of the credit and in the evidence', () => {
    const [c] = extractCredits('An official told Barak Ravid of Axios on Sunday that the meeting was set.');
    expect([c.outlet, c.evidence]).toEqual(['Axios', 'told Barak Ravid of Axios']);
  });
  it('does not credit the people of a wire credit line', () => {
    expect(keys('WASHINGTON (Reuters) - The meeting was set.\n(Reporting by Jane Doe; Editing by John Smith)')).toEqual(['reuters']);
  });
  it("does not credit an outlet's own dateline to itself", () => {
    expect(keys('JERUSALEM (JNS) — The meeting was set.', { url: 'https://www.jns.org/a', siteName: 'JNS' })).toEqual([]);
    expect(keys('JERUSALEM (JNS) — The meeting was set.', { url: 'https://copy.example/a' })).toEqual(['jns']);
  });
});

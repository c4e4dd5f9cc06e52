// The word lists that credit reading judges names by (provenance.ts): institutions, outlet words,
// dates, pronouns and groups, places and platforms, wire services, sentence openers and the words
// that may follow an outlet's name, in the six languages credits are read in.

/** Words that make a name an institution or an office rather than an outlet. */
export const INSTITUTION_WORDS = new Set(
  `ministry ministries minister department office council nations government administration army forces military police
  court courts committee spokesperson spokesman spokeswoman president presidency officials official authority authorities
  commission parliament congress senate embassy ambassador bureau cabinet institute university organization organisation
  hospital prosecutor prosecutors mayor governor senator party pentagon kremlin house palace guard secretary chancellor
  idf hamas hezbollah tsahal un unrwa who nato eu ocha unicef iaea icrc ministerium regierung polizei behörde behörden
  bundesregierung staatsanwaltschaft gericht ministère gouvernement armée préfecture ministerio gobierno policía fiscalía
  ministério governo polícia ministero polizia procura tribunal tribunale questura`
    .split(/\s+/)
    .filter(Boolean),
);
/** Words that end an outlet's name: an institution word before one of them does not make it an institution. */
export const OUTLET_WORDS = new Set(
  `news times post journal daily herald tribune telegraph guardian gazette press agency radio tv television channel
  network media wire report review magazine monitor insider observer chronicle express mail standard independent eye
  examiner inquirer courier dispatch bulletin broadcasting corporation online today weekly star sun mirror globe
  zeitung nachrichten presse rundschau allgemeine tagblatt kurier spiegel welt monde figaro libération parisien
  diario diário periódico jornal folha correio gazzetta corriere stampa messaggero notícias noticias tiempo mundo país
  agence agencia agência agenzia rádio télévision televisión televisão televisione`
    .split(/\s+/)
    .filter(Boolean),
);
/** Days, months and relative dates, which a name may swallow at its end ("told Axios Sunday"). */
export const DATE_WORDS = new Set(
  `monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
  january february march april june july august september october november december
  montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
  lunes martes miércoles jueves viernes sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica`
    .split(/\s+/)
    .filter(Boolean),
);
/** Words that never start an outlet's name: pronouns, groups of people, German common nouns of reporting. */
export const NOT_FIRST = new Set(
  `he she they it we i you him her them us me his their this that these those there here one two three four some many
  officials sources source reports report reporters witnesses residents diplomats analysts experts people observers
  israeli israelis american americans palestinian palestinians
  mr mrs ms dr sen rep gov gen lt col prof herr frau mme sr sra sig signor
  er sie es wir ihr il elle ils elles on él ella ellos ele ela eles lui lei loro
  angaben berichten medienberichten informationen quellen experten augenzeugen beobachtern insidern`
    .split(/\s+/)
    .filter(Boolean),
);
/** Whole names that are never an outlet: places (a government by metonymy), platforms, photo agencies. */
export const NOT_OUTLETS = new Set(
  `us uk un eu israel iran gaza russia ukraine china washington moscow beijing jerusalem lebanon syria egypt qatar
  europe america zoom telegram twitter facebook instagram whatsapp youtube tiktok signal skype teams getty gettyimages
  websites website agencies agency newsagencies newsagency wires wire staff internet web online media socialmedia press
  handout archive archives files internationalmedia localmedia`
    .split(/\s+/)
    .filter(Boolean),
);
/** Endings of compound institution names: "Gesundheitsministerium", "Bundesamt". */
export const INSTITUTION_ENDING = /(?:ministerium|ministère|ministerio|ministério|ministero|behörde|polizei|regierung|amt)$/iu;
/** Wire services, whose names also occur in company names ("Thomson Reuters") and are never a person's. */
export const WIRES = new Set(['ap', 'reuters', 'afp', 'upi', 'dpa', 'xinhua', 'bloomberg', 'ani', 'pti', 'ians', 'efe', 'ansa', 'anadolu', 'tass', 'kyodo']);
/** Leading words that start a sentence rather than a name: "As Axios reported", "Yesterday Axios reported". */
export const LEADING_WORDS = new Set(
  `as but and so yet also then now earlier later meanwhile previously yesterday today on in at last this wie comme como come
  und aber auch gestern heute hier aujourd'hui ayer hoy ontem hoje ieri oggi however still
  according citing según segundo secondo selon laut conforme`
    .split(/\s+/)
    .filter(Boolean),
);
/** Lower-case words that may follow an outlet's name: grammar, and the verbs and nouns of reporting. */
export const FOLLOWERS = new Set(
  `reported reports report reporting first earlier last this that which who on in at when while after before
  about for with by news newspaper daily website site reporter reporters correspondent citing said says wrote writes
  published revealed confirmed has had was is and but or yesterday today interviewed also previously
  il lo la i gli le che di del della da dal in per con su non è ha ha riferito riporta
  selon qui que a rapporté rapporte dans le les`
    .split(/\s+/)
    .filter(Boolean),
);

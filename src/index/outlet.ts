// Outlet names and hosts reduced to one comparable key: "The Washington Post" and
// www.washingtonpost.com both give "washingtonpost".

const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'news']);

/** Host of a URL, lower-case, without "www."; '' when the URL does not parse. */
export function hostOf(url: string | undefined): string {
  if (!url) return '';
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase().replace(/^www\d*\./, '') : '';
}

/** The registrable name of a host: edition.cnn.com -> cnn, bbc.co.uk -> bbc. */
export function hostKey(host: string): string {
  const labels = host.toLowerCase().split('.').filter(Boolean);
  if (labels.length === 0) return '';
  if (labels.length === 1) return labels[0];
  let i = labels.length - 2;
  if (i > 0 && SECOND_LEVEL.has(labels[i]) && labels[labels.length - 1].length === 2) i--;
  return labels[i].replace(/[^a-z0-9]/g, '');
}

/** Key of an outlet name: lower-case letters and digits, without a leading "the" or a TLD. */
export function outletKey(name: string): string {
  const n = name.trim().toLowerCase();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(n)) return hostKey(n);
  return n
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/^the\s+/, '')
    .replace(/\.(com|org|net|co\.uk)$/, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

// Outlet names and hosts reduced to one comparable key: "The Washington Post" and
// www.washingtonpost.com both give "washingtonpost".

const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'news']);

/**
 * Host of a URL, lower-case, without "www." (or "www2." and the like); '' when the URL does not
 * parse. A user name is skipped: in https://axios.com@evil.example/ the host is evil.example.
 */
export function hostOf(url: string | undefined): string {
  if (!url) return '';
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:@]+)/i.exec(url.trim());
  // A DNS name is at most 253 characters; anything longer is not a host.
  return m && m[1].length <= 253 ? m[1].toLowerCase().replace(/^www\d*\./, '') : '';
}

/** Where a host's registrable domain starts among its labels: 1 for edition.cnn.com, 1 for news.bbc.co.uk. */
function registrableStart(labels: string[]): number {
  let i = labels.length - 2;
  if (i > 0 && SECOND_LEVEL.has(labels[i]) && labels[labels.length - 1].length === 2) i--;
  return Math.max(0, i);
}

/** The registrable name of a host: edition.cnn.com -> cnn, bbc.co.uk -> bbc. */
export function hostKey(host: string): string {
  const labels = host.toLowerCase().split('.').filter(Boolean);
  if (labels.length === 0) return '';
  return labels[registrableStart(labels)].replace(/[^a-z0-9]/g, '');
}

/** The registrable domain of a host: edition.cnn.com -> cnn.com, news.bbc.co.uk -> bbc.co.uk. */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().split('.').filter(Boolean);
  return labels.slice(registrableStart(labels)).join('.');
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

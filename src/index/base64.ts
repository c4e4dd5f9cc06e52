// Base64 of 32-bit arrays (little-endian), without platform encoders, so the pack format is
// byte-identical wherever it is written.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeU32(values: Uint32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    bytes[4 * i] = v & 255;
    bytes[4 * i + 1] = (v >>> 8) & 255;
    bytes[4 * i + 2] = (v >>> 16) & 255;
    bytes[4 * i + 3] = v >>> 24;
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >>> 18) & 63] + ALPHABET[(n >>> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >>> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Decodes; returns undefined when the text is not base64 of a whole number of 32-bit values. */
export function decodeU32(text: string): Uint32Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const nBytes = (text.length / 4) * 3 - pad;
  if (nBytes % 4 !== 0) return undefined;
  const bytes = new Uint8Array(nBytes);
  let j = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const isPad = c === 61 && i + k >= text.length - pad;
      const v = isPad ? 0 : c < 128 ? LOOKUP[c] : -1;
      if (v < 0) return undefined;
      n = (n << 6) | v;
    }
    if (j < nBytes) bytes[j++] = (n >>> 16) & 255;
    if (j < nBytes) bytes[j++] = (n >>> 8) & 255;
    if (j < nBytes) bytes[j++] = n & 255;
  }
  const out = new Uint32Array(nBytes / 4);
  for (let i = 0; i < out.length; i++) out[i] = (bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24)) >>> 0;
  return out;
}

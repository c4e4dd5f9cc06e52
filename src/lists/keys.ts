// Ed25519 keys and signatures for lists, with WebCrypto (browsers and Node 20 alike). A list is
// signed over the 32 bytes of its digest; a publisher's key file is a PKCS#8 PEM, as
// `openssl genpkey -algorithm ed25519` writes it.
import { base64OfBytes, bytesOfBase64, ListError } from './format.ts';

const ED25519 = { name: 'Ed25519' } as const;
const PEM_LABEL = 'PRIVATE KEY';

/** A publisher's signing key: the private key, and the raw public key a list's trailer carries. */
export interface ListSigningKey {
  privateKey: CryptoKey;
  /** The 32 raw bytes. */
  publicKey: Uint8Array;
}

/** Whether `signature` is the Ed25519 signature of `digest` by the raw `publicKey`. */
export async function verifyDigest(digest: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', publicKey as BufferSource, ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, key, signature as BufferSource, digest as BufferSource);
  } catch {
    // A key that is not a point on the curve verifies nothing.
    return false;
  }
}

export async function signDigest(digest: Uint8Array, privateKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, digest as BufferSource));
}

/** Reads a PKCS#8 PEM Ed25519 private key; the public key is taken from it. Throws ListError naming what is wrong. */
export async function signingKeyFromPem(pem: string): Promise<ListSigningKey> {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  const notKey =
    'the key file must hold an Ed25519 private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), as `firsthand list keygen` or `openssl genpkey -algorithm ed25519` write it';
  if (!m) throw new ListError(notKey);
  if (m[1] !== PEM_LABEL) throw new ListError(`${notKey}; this one holds "${m[1]}"`);
  const der = bytesOfBase64(m[2].replace(/\s+/g, ''));
  if (!der) throw new ListError(`${notKey}; its base64 is damaged`);
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', der as BufferSource, ED25519, true, ['sign']);
  } catch {
    throw new ListError(`${notKey}; this one is another kind of key (RSA, EC?) or damaged`);
  }
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = jwk.x ? bytesOfBase64(fromBase64Url(jwk.x)) : undefined;
  if (!publicKey || publicKey.length !== 32) throw new ListError(`${notKey}; its public key could not be derived`);
  return { privateKey, publicKey };
}

/** A new key pair: the PKCS#8 PEM to keep secret and the public key (base64) to publish. */
export async function generateSigningKey(): Promise<{ pem: string; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const der = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const b64 = base64OfBytes(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return { pem: `-----BEGIN ${PEM_LABEL}-----\n${lines.join('\n')}\n-----END ${PEM_LABEL}-----\n`, publicKey: base64OfBytes(raw) };
}

function fromBase64Url(s: string): string {
  const b = s.replace(/-/g, '+').replace(/_/g, '/');
  return b + '='.repeat((4 - (b.length % 4)) % 4);
}

// The one check that a value read from outside (a pack, a message, a reply) is a plain object,
// for every context: the engine's pack reader, the protocol's message and reply checks.

/** A non-null object that is not an array: its fields can be read one by one and checked. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

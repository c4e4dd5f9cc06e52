// The error every refusal of a pack is thrown as: its message names what is wrong and where.
export class PackError extends Error {
  override name = 'PackError';
}

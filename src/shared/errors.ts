// What went wrong, in one line a reader can act on. Used by every context, so it stays free of
// browser and Node APIs.

/** An error's message, prefixed with its name when that says more than "Error"
 * ("QuotaExceededError: ..."); anything thrown that is not an Error, as a string. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}

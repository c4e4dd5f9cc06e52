// The field checks a pack's and a list's articles share: text of bounded length, a time, the
// credits. Each format refuses with its own error (PackError, ListError), so the checks are made
// for a given way of failing; the messages are the same in both.
import { isRecord } from './guards.ts';
import type { Credit } from './types.ts';

const CREDIT_KINDS = new Set(['dateline', 'text', 'link', 'meta', 'jsonld']);

/** An own property only: "__proto__" or "constructor" in a file are never read through the prototype. */
export const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
/** A value as a message shows it: numbers as numbers (JSON would print Infinity as null), the rest as JSON, short. */
export const shown = (v: unknown): string => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)).slice(0, 40));

export interface FieldChecks {
  str(o: Record<string, unknown>, k: string, where: string, max: number, required?: boolean): string | undefined;
  time(o: Record<string, unknown>, k: string, where: string, required: boolean): number | undefined;
  credits(v: unknown, where: string): Credit[];
}

/** The checks, each refusing with `fail(message)`. */
export function fieldChecks(fail: (message: string) => Error): FieldChecks {
  function str(o: Record<string, unknown>, k: string, where: string, max: number, required = true): string | undefined {
    const v = own(o, k);
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string') throw fail(`${where}: ${k} ${v === undefined ? 'is missing' : 'must be text'}`);
    if (v.length > max) throw fail(`${where}: ${k} is ${v.length} characters long, at most ${max} allowed`);
    return v;
  }
  function time(o: Record<string, unknown>, k: string, where: string, required: boolean): number | undefined {
    const v = own(o, k);
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 8.64e15) throw fail(`${where}: ${k} must be a time in ms since 1970 (got ${shown(v)})`);
    return v;
  }
  function credits(v: unknown, where: string): Credit[] {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.length > 100) throw fail(`${where}: credits must be a list of at most 100`);
    return v.map((c, i) => {
      const w = `${where}: credit ${i + 1}`;
      if (!isRecord(c)) throw fail(`${w} is not an object`);
      const kind = own(c, 'kind');
      if (typeof kind !== 'string' || !CREDIT_KINDS.has(kind)) throw fail(`${w}: unknown kind ${shown(kind)}`);
      const host = str(c, 'host', w, 253, false);
      return {
        outlet: str(c, 'outlet', w, 200)!,
        key: str(c, 'key', w, 200)!,
        kind: kind as Credit['kind'],
        evidence: str(c, 'evidence', w, 400)!,
        ...(host ? { host } : {}),
      };
    });
  }
  return { str, time, credits };
}

// The shipped locale files, and the browser's i18n answering in Arabic as Chrome fills messages:
// what the interface tests in Arabic share.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillMessage } from '../../src/ui/i18n.ts';

export type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;

export const root = join(import.meta.dirname, '..', '..');
export const readMessages = (lang: string): Messages => JSON.parse(readFileSync(join(root, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Messages;
export const en = readMessages('en');
export const ar = readMessages('ar');

/** Isolates and scripts the tests look for. */
export const RTL_NAME = '\u202eSOIXA';
export const FSI = '\u2068';
export const PDI = '\u2069';
export const ARABIC = /[\u0600-\u06FF]/;

const g = globalThis as { chrome?: unknown };

/** Installs a browser i18n that answers from the Arabic file (right to left). */
export function useArabic(): void {
  g.chrome = {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => (key === '@@bidi_dir' ? 'rtl' : ar[key] ? fillMessage(ar[key], subs) : ''),
      getUILanguage: () => 'ar',
    },
  };
}

/** Takes the stubbed browser i18n away (English, from the file, again). */
export function dropArabic(): void {
  delete g.chrome;
}

// The library's words that depend on the interface language: counted messages and dates.
import { formatDate } from '../../ui/format.ts';
import { uiLocale } from '../../ui/i18n.ts';

/** The language dates are written in: the interface's, British English for English (31 Mar 2024). */
function dateLang(): string {
  const { lang } = uiLocale();
  return /^en\b/i.test(lang) ? 'en-GB' : lang;
}

/** "31 Mar 2024": a day in the interface's language (English keeps its own short form). */
export function dayText(ms: number): string {
  if (dateLang() === 'en-GB') return formatDate(ms);
  try {
    return new Intl.DateTimeFormat(dateLang(), { day: 'numeric', month: 'short', year: 'numeric' }).format(ms);
  } catch {
    return formatDate(ms);
  }
}

/** "31 Mar 2024, 14:05": a moment in the reader's own time, in the interface's language. */
export function momentText(ms: number): string {
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  try {
    return new Date(ms).toLocaleString(dateLang(), opts);
  } catch {
    return new Date(ms).toLocaleString('en-GB', opts);
  }
}

// Settings live in the index database (meta store) and are checked field by field against the
// defaults whenever they are read, so damaged or older settings never stop the worker.
import type { Settings } from '../protocol/messages.ts';
import { normalizeSettings, validateSettingsPatch } from '../protocol/validate.ts';
import type { DbConnection } from './db.ts';
import type { Writer } from './writer.ts';

export async function loadSettings(conn: DbConnection): Promise<Settings> {
  try {
    const entry = await (await conn.get()).get('meta', 'settings');
    return normalizeSettings(entry?.key === 'settings' ? entry.settings : undefined);
  } catch {
    // The index is unusable (conn.problem says why); checking still runs on the defaults.
    return normalizeSettings(undefined);
  }
}

/** Applies a validated patch to the stored settings and returns the result. */
export async function updateSettings(conn: DbConnection, writer: Writer, patch: Partial<Settings>): Promise<Settings> {
  const checked = validateSettingsPatch(patch);
  if (!checked.ok) throw new Error(`Settings not saved: ${checked.error}`);
  const next = normalizeSettings({ ...(await loadSettings(conn)), ...checked.value });
  await writer.saveSettings(next);
  return next;
}

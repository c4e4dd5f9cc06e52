// "Add list from file" on the extension's pages: the page reads, checks and installs the file
// itself in the database it shares with the worker (storage/lists.ts), so a list of any size never
// crosses runtime messaging. The progress the storage layer reports is passed on as it comes.
import { DbConnection } from '../../storage/db.ts';
import { addListFromFile } from '../../storage/lists.ts';

let conn: DbConnection | undefined;

export function addListFile(file: File, onProgress: (progress: unknown) => void): Promise<unknown> {
  conn ??= new DbConnection();
  return addListFromFile(conn, file, onProgress);
}

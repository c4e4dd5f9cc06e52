// "Add list from file" on the extension's pages: the page reads, checks and installs the file
// itself in the database it shares with the worker (storage/lists.ts), so a list of any size never
// crosses runtime messaging. Progress is one share from 0 to 1: reading and checking the file
// (the first 60%), then writing its articles and their keys.
import { readList } from '../../lists/read.ts';
import { DbConnection } from '../../storage/db.ts';
import { addListFromFile } from '../../storage/lists.ts';

let conn: DbConnection | undefined;

const READING = 0.6;

export function addListFile(file: File, onProgress: (progress: unknown) => void): Promise<unknown> {
  conn ??= new DbConnection();
  const size = Math.max(1, file.size);
  return addListFromFile(conn, file.stream(), file.name, {
    read: readList,
    onRead: (p) => onProgress(READING * Math.min(1, p.bytes / size)),
    onProgress: (p) => {
      const share = p.total ? p.done / p.total : 1;
      // Writing the articles' blocks, then their keys' postings: about as long each.
      onProgress(p.phase === 'writing' ? READING + 0.2 * share : READING + 0.2 + 0.2 * share);
    },
  });
}

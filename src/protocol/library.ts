// The library page's replies (background/library.ts): its articles a page at a time, the reader's
// "not a copy" corrections, and what the last Clear kept for Undo.

/** One article as the library page lists it. */
export interface LibraryItem {
  /** The article's number in the index (the page continues from it). */
  key: number;
  id: string;
  url: string;
  title: string;
  outlet: string;
  host: string;
  publishedAt?: number;
  /** When the reader first saw it (or, listed only, when it was listed). */
  seenAt: number;
  /** read: from the reader's own reading; imported: from a pack; listed: known from lists only. */
  source: 'read' | 'imported' | 'listed';
  /** The names of the subscribed lists that carry it. */
  lists?: string[];
}

/** Reply to library/browse. */
export interface LibraryPage {
  items: LibraryItem[];
  /** Where the next page starts (library/browse `after`); absent at the end of the index. */
  next?: number;
  /** Articles looked at for this page (a search looks at a bounded number per request). */
  scanned: number;
  /** Articles in the index, listed ones included. */
  total: number;
}

/** One "not a copy" correction with what the index knows of both articles (absent when gone). */
export interface CorrectionView {
  page: string;
  original: string;
  at: number;
  pageTitle?: string;
  pageOutlet?: string;
  originalTitle?: string;
  originalOutlet?: string;
}

/** What the last Clear kept so it can be undone: nothing, or a copy kept until `expiresAt`. */
export interface UndoStatus {
  kept: boolean;
  clearedAt?: number;
  expiresAt?: number;
  articles?: number;
  corrections?: number;
}

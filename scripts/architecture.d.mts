export type Context =
  'index' | 'shared' | 'lists' | 'protocol' | 'storage' | 'extract' | 'ui' | 'background' | 'offscreen' | 'content' | 'popup' | 'corpus' | 'cli';
export declare const CONTEXTS: Record<Context, Context[]>;
export declare const NO_PACKAGES: Context[];
export declare const NODE_CONTEXTS: Context[];
export declare const POLYFILL_CONTEXTS: Context[];

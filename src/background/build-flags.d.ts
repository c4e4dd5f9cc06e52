/** Build-time flag (vite.config.ts `define`): true only in test builds, so test hooks are dropped from store builds. */
declare const __FIRSTHAND_TEST__: boolean;

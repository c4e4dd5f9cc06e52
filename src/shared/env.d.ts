/** Build-time flag: true only in test builds (the build defines it). It gates what the
 * extension exposes to end-to-end tests, such as the ribbon's text on the page. */
declare const __FIRSTHAND_TEST__: boolean;

// What the lists controls need from the browser, on the options page and the first-run page.
import browser from 'webextension-polyfill';
import { ask } from '../api.ts';
import type { ListsDeps } from './list-adder.ts';
import { addListFile } from './list-file.ts';

export const LISTS_DEPS: ListsDeps = {
  ask,
  requestPermission: (origins) => browser.permissions.request({ origins }),
  addFromFile: addListFile,
};

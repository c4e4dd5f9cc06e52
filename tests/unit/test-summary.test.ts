// `npm test`'s summary (scripts/test.mjs): a failed vitest step names each failed test and the
// first line of its error under the step, since the end of the output is what a CI log keeps.
import { describe, expect, it } from 'vitest';
import { vitestFailures } from '../../scripts/test.mjs';

const ESC = '\x1b';
const output = [
  ` ${ESC}[31m❯${ESC}[39m tests/cluster/corpus-cluster.test.ts (3 tests | 1 failed) 242ms`,
  `     ${ESC}[31m×${ESC}[39m loses and doubles nothing 180002ms`,
  '',
  '⎯⎯⎯⎯⎯⎯⎯ Failed Tests 2 ⎯⎯⎯⎯⎯⎯⎯',
  '',
  ` ${ESC}[41m${ESC}[1m FAIL ${ESC}[22m${ESC}[49m tests/cluster/corpus-cluster.test.ts > corpus on a cluster > loses and doubles nothing`,
  `${ESC}[31mError: Test timed out in 180000ms.${ESC}[39m`,
  'If this is a long-running test, pass a timeout value as the last argument.',
  '',
  ' FAIL  tests/unit/a.test.ts > group > counts',
  'AssertionError: expected 1 to be 2 // Object.is equality',
  '',
  '- Expected',
].join('\n');

describe('npm test summary', () => {
  it('names each failed test with the first line of its error, colours removed', () => {
    expect(vitestFailures(output)).toEqual([
      'tests/cluster/corpus-cluster.test.ts > corpus on a cluster > loses and doubles nothing: Error: Test timed out in 180000ms.',
      'tests/unit/a.test.ts > group > counts: AssertionError: expected 1 to be 2 // Object.is equality',
    ]);
  });

  it('names nothing for a run whose tests all passed', () => {
    expect(vitestFailures(' ✓ tests/unit/a.test.ts (3 tests) 12ms\n Test Files  1 passed (1)\n      Tests  3 passed (3)\n')).toEqual([]);
  });
});

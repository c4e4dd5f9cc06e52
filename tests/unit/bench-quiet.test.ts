import { describe, expect, it } from 'vitest';
import { quietMachine } from '../../bench/quiet.ts';

describe("the bench's wait for a quiet machine", () => {
  it('ends once enough calm windows have passed in a row', async () => {
    const r = await quietMachine({ below: 1.01, windowMs: 20, windows: 3, maxMs: 5_000 });
    expect(r.quiet).toBe(true);
    expect(r.waitedMs).toBeGreaterThanOrEqual(55);
    expect(r.waitedMs).toBeLessThan(5_000);
  });

  it('gives up after the time allowed when the machine never goes under the bar, and says so', async () => {
    const r = await quietMachine({ below: 0, windowMs: 20, windows: 2, maxMs: 150 });
    expect(r.quiet).toBe(false);
    expect(r.waitedMs).toBeGreaterThanOrEqual(150);
  });
});

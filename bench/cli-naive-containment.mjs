#!/usr/bin/env node
// The baseline `firsthand compare --pairs` is measured against: exact word containment, written
// the obvious way in plain Node. Reads {"id","original","candidate"} JSON Lines, lower-cases each
// text, splits it on non-letters, and prints per pair the share of each side's distinct words
// found in the other, one JSON line each.
import { readFileSync } from 'node:fs';

const words = (text) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean),
  );

function containment(a, b) {
  if (!a.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / a.size;
}

const out = [];
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const p = JSON.parse(line);
  const o = words(p.original);
  const c = words(p.candidate);
  out.push(JSON.stringify({ id: p.id, containment: containment(c, o), coverage: containment(o, c) }));
}
process.stdout.write(out.join('\n') + '\n');

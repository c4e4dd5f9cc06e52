// Where a text stops being JSON, in words and as line and column. JSON.parse says this
// differently in every engine (and Chromium often not at all: "Unexpected end of JSON input"),
// so a refused pack is explained the same way in Chromium, Firefox and the CLI.
// Iterative, so a file nested a million levels deep is scanned without recursion.

export interface JsonProblem {
  /** 0-based character offset. */
  offset: number;
  /** 1-based. */
  line: number;
  column: number;
  problem: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set('"\\/bfnrtu'.split('').map((c) => c.charCodeAt(0)));
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;

function shown(text: string, at: number): string {
  WORD.lastIndex = at;
  const word = WORD.exec(text)?.[0];
  if (word) return `"${word.slice(0, 20)}"`;
  const cp = text.codePointAt(at) ?? 0;
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfeff || cp === 0xfffd ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `"${String.fromCodePoint(cp)}"`;
}

/** The first place where `text` is not valid JSON, or undefined when it is valid. */
export function jsonProblem(text: string): JsonProblem | undefined {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  const at = (problem: string, offset = i): JsonProblem => {
    let line = 1;
    let lineStart = 0;
    for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return { offset, line, column: offset - lineStart + 1, problem };
  };
  const skip = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const inside = () => (stack[stack.length - 1] === '{' ? 'an object' : 'a list');
  /** Scans a string starting at its opening quote; returns a problem or undefined. */
  const string = (): JsonProblem | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return at(`a raw control character (${shown(text, i)}) inside a string`);
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (!ESCAPES.has(e)) return i + 1 >= n ? at('the file ends inside a string (is it cut short?)', n) : at(`a bad escape "\\${text[i + 1]}" inside a string`);
        if (e === 0x75 && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return at('a bad \\u escape inside a string');
        i += e === 0x75 ? 6 : 2;
        continue;
      }
      i++;
    }
    return at(`the file ends inside a string that starts at offset ${start} (is it cut short?)`, n);
  };

  let mode: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skip();
    if (mode === 'key') {
      if (i >= n) return at('the file ends inside an object (is it cut short?)');
      if (text.charCodeAt(i) !== 0x22) return at(`expected a quoted property name, found ${shown(text, i)}`);
      const p = string();
      if (p) return p;
      skip();
      if (text.charCodeAt(i) !== 0x3a) return i >= n ? at('the file ends inside an object (is it cut short?)') : at(`expected ":" after a property name, found ${shown(text, i)}`);
      i++;
      mode = 'value';
      continue;
    }
    if (mode === 'after') {
      if (!stack.length) return i < n ? at(`unexpected ${shown(text, i)} after the end of the JSON value`) : undefined;
      if (i >= n) return at(`the file ends inside ${inside()} (is it cut short?)`);
      const c = text[i];
      const close = stack[stack.length - 1] === '{' ? '}' : ']';
      if (c === ',') {
        i++;
        mode = stack[stack.length - 1] === '{' ? 'key' : 'value';
      } else if (c === close) {
        i++;
        stack.pop();
      } else return at(`expected "," or "${close}" in ${inside()}, found ${shown(text, i)}`);
      continue;
    }
    // A value.
    if (i >= n) return at(stack.length ? `the file ends inside ${inside()} (is it cut short?)` : 'no JSON value in the file');
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      skip();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        mode = 'after';
      } else mode = c === '{' ? 'key' : 'value';
      continue;
    }
    if (c === '"') {
      const p = string();
      if (p) return p;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return at(`a malformed number`);
      i += m[0].length;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (c === ']' && stack[stack.length - 1] === '[') return at('a "," before "]" (trailing commas are not JSON)');
    else return at(`unexpected ${shown(text, i)} where a value was expected`);
    mode = 'after';
  }
}

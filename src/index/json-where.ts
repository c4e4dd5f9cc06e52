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
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfeff || cp === 0xfffd
    ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
    : `"${String.fromCodePoint(cp)}"`;
}

/** The first place where `text` is not valid JSON, or undefined when it is valid. */
export function jsonProblem(text: string): JsonProblem | undefined {
  const scan = new Scanner(text);
  for (;;) {
    scan.skipSpace();
    const step = scan.mode === 'key' ? scan.key() : scan.mode === 'after' ? scan.afterValue() : scan.value();
    if (step === VALID) return undefined;
    if (step) return step;
  }
}

/** What the scanner expects next: a value, a property name, or what may follow a value. */
type Mode = 'value' | 'key' | 'after';
/** A step's outcome when the whole text has been read and is valid. */
const VALID = 'valid';
type Step = JsonProblem | typeof VALID | undefined;

/** One pass over the text: the position, the open objects and lists, and what comes next. */
class Scanner {
  i = 0;
  mode: Mode = 'value';
  private readonly stack: ('{' | '[')[] = [];
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  /** The problem, placed at `offset` (the current position by default). */
  private at(problem: string, offset = this.i): JsonProblem {
    const { text } = this;
    let line = 1;
    let lineStart = 0;
    for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return { offset, line, column: offset - lineStart + 1, problem };
  }

  skipSpace(): void {
    while (this.i < this.n && WS.has(this.text.charCodeAt(this.i))) this.i++;
  }

  private inside(): string {
    return this.top() === '{' ? 'an object' : 'a list';
  }

  private top(): '{' | '[' | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** A string, from its opening quote to just past its closing one. */
  private string(): JsonProblem | undefined {
    const { text, n } = this;
    const start = this.i;
    this.i++;
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return undefined;
      }
      if (c < 0x20) return this.at(`a raw control character (${shown(text, this.i)}) inside a string`);
      if (c === 0x5c) {
        const p = this.escape();
        if (p) return p;
        continue;
      }
      this.i++;
    }
    return this.at(`the file ends inside a string that starts at offset ${start} (is it cut short?)`, n);
  }

  /** A backslash escape inside a string. */
  private escape(): JsonProblem | undefined {
    const { text, i } = this;
    const e = text.charCodeAt(i + 1);
    if (!ESCAPES.has(e))
      return i + 1 >= this.n ? this.at('the file ends inside a string (is it cut short?)', this.n) : this.at(`a bad escape "\\${text[i + 1]}" inside a string`);
    if (e === 0x75 && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return this.at('a bad \\u escape inside a string');
    this.i += e === 0x75 ? 6 : 2;
    return undefined;
  }

  /** A property name and its colon; a value follows. */
  key(): Step {
    const { text } = this;
    if (this.i >= this.n) return this.at('the file ends inside an object (is it cut short?)');
    if (text.charCodeAt(this.i) !== 0x22) return this.at(`expected a quoted property name, found ${shown(text, this.i)}`);
    const p = this.string();
    if (p) return p;
    this.skipSpace();
    if (text.charCodeAt(this.i) !== 0x3a)
      return this.i >= this.n
        ? this.at('the file ends inside an object (is it cut short?)')
        : this.at(`expected ":" after a property name, found ${shown(text, this.i)}`);
    this.i++;
    this.mode = 'value';
    return undefined;
  }

  /** After a value: a comma, the close of its object or list, or the end of the text. */
  afterValue(): Step {
    const { text } = this;
    if (!this.stack.length) return this.i < this.n ? this.at(`unexpected ${shown(text, this.i)} after the end of the JSON value`) : VALID;
    if (this.i >= this.n) return this.at(`the file ends inside ${this.inside()} (is it cut short?)`);
    const c = text[this.i];
    const close = this.top() === '{' ? '}' : ']';
    if (c === ',') {
      this.i++;
      this.mode = this.top() === '{' ? 'key' : 'value';
    } else if (c === close) {
      this.i++;
      this.stack.pop();
    } else return this.at(`expected "," or "${close}" in ${this.inside()}, found ${shown(text, this.i)}`);
    return undefined;
  }

  /** A value: an object or list opens (or is empty), anything else is read whole. */
  value(): Step {
    if (this.i >= this.n) return this.at(this.stack.length ? `the file ends inside ${this.inside()} (is it cut short?)` : 'no JSON value in the file');
    const c = this.text[this.i];
    if (c === '{' || c === '[') {
      this.open(c);
      return undefined;
    }
    const p = this.scalar(c);
    if (p) return p;
    this.mode = 'after';
    return undefined;
  }

  /** An opening brace or bracket; an empty object or list is a whole value at once. */
  private open(c: '{' | '['): void {
    this.stack.push(c);
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === (c === '{' ? '}' : ']')) {
      this.i++;
      this.stack.pop();
      this.mode = 'after';
    } else this.mode = c === '{' ? 'key' : 'value';
  }

  /** A string, number, true, false or null starting with `c`. */
  private scalar(c: string): JsonProblem | undefined {
    const { text, i } = this;
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return this.at(`a malformed number`);
      this.i += m[0].length;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) this.i += 4;
    else if (text.startsWith('false', i)) this.i += 5;
    else if (c === ']' && this.top() === '[') return this.at('a "," before "]" (trailing commas are not JSON)');
    else return this.at(`unexpected ${shown(text, i)} where a value was expected`);
    return undefined;
  }
}

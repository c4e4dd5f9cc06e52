// A small streaming XML tokenizer that checks well-formedness (tags nest and match, one root, no
// stray text) and never expands entities beyond the five predefined ones and character references,
// so a feed cannot blow up in memory through its DOCTYPE. Text may arrive in several pieces.

export type XmlEvent =
  | { kind: 'open'; name: string; attrs: Map<string, string>; selfClosing: boolean; line: number }
  | { kind: 'close'; name: string; line: number }
  | { kind: 'text'; text: string; line: number };

/** Malformed XML, at a 1-based line. */
export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Longest tag, comment, processing instruction or DOCTYPE accepted. */
const MAX_TOKEN = 1024 * 1024;
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w:.\-\u00B7-\uFFFF]*$/;
const ATTR = /\s*([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[\da-fA-F]+|#\d+|[A-Za-z][\w.-]*);/g, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    // Named entities other than the five (HTML's &nbsp; in feeds) stay as written: the HTML parser reads them later.
    return PREDEFINED[ref] ?? all;
  });
}

export class XmlTokenizer {
  private buf = '';
  private line = 1;
  private inCdata = false;
  private readonly stack: { name: string; line: number }[] = [];
  private rootSeen = false;
  private rootClosed = false;

  /** Feeds decoded text; returns the events it completes. */
  push(text: string): XmlEvent[] {
    this.buf += text;
    return this.run(false);
  }

  /** Ends the input: returns the last events, or throws if the document is incomplete. */
  end(): XmlEvent[] {
    const out = this.run(true);
    if (this.inCdata) throw new XmlError('the file ends inside a CDATA section (truncated?)', this.line);
    const open = this.stack[this.stack.length - 1];
    if (open) throw new XmlError(`the file ends inside <${open.name}> opened at line ${open.line} (truncated?)`, this.line);
    if (!this.rootSeen) throw new XmlError('no root element', this.line);
    return out;
  }

  private advance(n: number): string {
    const s = this.buf.slice(0, n);
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) this.line++;
    this.buf = this.buf.slice(n);
    return s;
  }

  private text(raw: string, line: number, out: XmlEvent[], cdata: boolean): void {
    if (!raw) return;
    if (this.stack.length === 0) {
      if (raw.trim()) throw new XmlError(this.rootClosed ? 'text after the root element' : 'text before the root element', line);
      return;
    }
    out.push({ kind: 'text', text: cdata ? raw : decodeXmlText(raw), line });
  }

  private run(final: boolean): XmlEvent[] {
    const out: XmlEvent[] = [];
    for (;;) {
      const line = this.line;
      if (this.inCdata) {
        const end = this.buf.indexOf(']]>');
        if (end < 0) {
          // Hand over all but what could be the start of "]]>".
          const keep = final ? 0 : 2;
          if (this.buf.length > keep) this.text(this.advance(this.buf.length - keep), line, out, true);
          return out;
        }
        this.text(this.advance(end), line, out, true);
        this.advance(3);
        this.inCdata = false;
        continue;
      }
      if (!this.buf) return out;
      if (this.buf[0] !== '<') {
        let end = this.buf.indexOf('<');
        if (end < 0) {
          if (!final) {
            // Keep a possibly unfinished entity reference for the next piece.
            const amp = this.buf.lastIndexOf('&');
            end = amp >= 0 && !this.buf.includes(';', amp) && this.buf.length - amp < 16 ? amp : this.buf.length;
            if (end === 0) return out;
          } else {
            end = this.buf.length;
          }
        }
        this.text(this.advance(end), line, out, false);
        continue;
      }
      if (this.buf.startsWith('<![CDATA[')) {
        if (this.stack.length === 0) throw new XmlError('CDATA outside the root element', line);
        this.advance(9);
        this.inCdata = true;
        continue;
      }
      const closer = this.closerOf();
      if (closer === undefined) {
        // Could still be "<![CDATA[" or "<!--" cut between pieces.
        if (final) throw new XmlError(`the file ends inside a tag or comment (truncated?)`, line);
        if (this.buf.length > MAX_TOKEN) throw new XmlError('a tag, comment or DOCTYPE longer than 1 MB (or never closed)', line);
        return out;
      }
      const token = this.advance(closer);
      if (token.startsWith('<!--') || token.startsWith('<?')) continue;
      if (token.startsWith('<!')) {
        if (!/^<!DOCTYPE\s/i.test(token)) throw new XmlError(`unexpected markup ${JSON.stringify(token.slice(0, 20))}`, line);
        if (this.rootSeen) throw new XmlError('DOCTYPE after the root element', line);
        continue;
      }
      this.tag(token, line, out);
    }
  }

  /** Length of the comment, PI, DOCTYPE or tag at the start of the buffer, or undefined if it is not complete yet. */
  private closerOf(): number | undefined {
    const b = this.buf;
    const find = (s: string, from: number) => {
      const i = b.indexOf(s, from);
      return i < 0 ? undefined : i + s.length;
    };
    if (b.startsWith('<!--')) return find('-->', 4);
    if (b.startsWith('<?')) return find('?>', 2);
    if (b.length < 9 && '<![CDATA['.startsWith(b)) return undefined;
    if (b.length < 4 && '<!--'.startsWith(b)) return undefined;
    if (b.startsWith('<!')) {
      const bracket = b.indexOf('[');
      const gt = b.indexOf('>');
      if (bracket >= 0 && (gt < 0 || bracket < gt)) {
        const close = b.indexOf(']', bracket);
        return close < 0 ? undefined : find('>', close);
      }
      return gt < 0 ? undefined : gt + 1;
    }
    let quote = '';
    for (let i = 1; i < b.length; i++) {
      const c = b[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') return i + 1;
    }
    return undefined;
  }

  private tag(token: string, line: number, out: XmlEvent[]): void {
    if (token[1] === '/') {
      const name = token.slice(2, -1).trim();
      const open = this.stack.pop();
      if (!open) throw new XmlError(`</${name}> closes nothing`, line);
      if (open.name !== name) throw new XmlError(`</${name}> closes <${open.name}> opened at line ${open.line}`, line);
      if (this.stack.length === 0) this.rootClosed = true;
      out.push({ kind: 'close', name, line });
      return;
    }
    const selfClosing = token.endsWith('/>');
    const body = token.slice(1, selfClosing ? -2 : -1);
    const nameEnd = body.search(/[\s]|$/);
    const name = body.slice(0, nameEnd);
    if (!NAME.test(name)) throw new XmlError(`malformed tag ${JSON.stringify(token.slice(0, 40))}`, line);
    const attrs = new Map<string, string>();
    ATTR.lastIndex = nameEnd;
    let at = nameEnd;
    for (let m = ATTR.exec(body); m; m = ATTR.exec(body)) {
      if (attrs.has(m[1])) throw new XmlError(`attribute ${m[1]} repeated in <${name}>`, line);
      attrs.set(m[1], decodeXmlText(m[2] ?? m[3]));
      at = ATTR.lastIndex;
    }
    if (body.slice(at).trim()) throw new XmlError(`malformed attributes in <${name}>`, line);
    if (this.stack.length === 0) {
      if (this.rootClosed) throw new XmlError(`a second root element <${name}>`, line);
      this.rootSeen = true;
    }
    out.push({ kind: 'open', name, attrs, selfClosing, line });
    if (selfClosing) {
      out.push({ kind: 'close', name, line });
      if (this.stack.length === 0) this.rootClosed = true;
    } else {
      this.stack.push({ name, line });
    }
  }
}

// Buffered stdout/stderr: thousands of result lines go out in a few large writes.

export class Output {
  private buf: string[] = [];
  private size = 0;

  line(s: string): void {
    this.buf.push(s, '\n');
    this.size += s.length + 1;
    if (this.size >= 1 << 16) this.flush();
  }

  /** stderr is not buffered, but stdout is flushed first so the two stay in order on a terminal. */
  err(s: string): void {
    this.flush();
    process.stderr.write(`${s}\n`);
  }

  flush(): void {
    if (!this.buf.length) return;
    process.stdout.write(this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
}

/** Buffered line output to stdout that respects backpressure and a closed pipe (`| head`). */
export class StdoutLines {
  private buf: string[] = [];
  private bytes = 0;
  private closed = false;
  private onClose: (() => void)[] = [];

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.markClosed();
    });
  }

  onClosed(fn: () => void): void {
    this.onClose.push(fn);
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const f of this.onClose) f();
  }

  write(line: string): void {
    if (this.closed) return;
    this.buf.push(line);
    this.bytes += line.length;
    if (this.bytes > 64 * 1024) this.flush();
  }

  flush(): void {
    if (this.buf.length === 0 || this.closed) return;
    const chunk = this.buf.join('\n') + '\n';
    this.buf = [];
    this.bytes = 0;
    this.stream.write(chunk);
  }

  async end(): Promise<void> {
    this.flush();
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      if (!this.stream.writableNeedDrain) resolve();
      else this.stream.once('drain', () => resolve());
    });
  }
}

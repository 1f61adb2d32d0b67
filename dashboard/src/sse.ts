/** One server-sent event as the notification stream sends it. */
export type SseEvent = { id?: string; event: string; data: string };

/**
 * Parses a text/event-stream incrementally (the WHATWG rules that matter here: fields id, event, data; a blank
 * line ends an event; lines starting with ':' are comments such as keep-alives). Feed it chunks; it calls
 * {@code onEvent} for each complete event and keeps any partial line for the next chunk.
 */
export class SseParser {
  private buffer = '';
  private id: string | undefined;
  private event = '';
  private data: string[] = [];

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  feed(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.nextLineEnd()) >= 0) {
      let line = this.buffer.substring(0, newline);
      const skip = this.buffer[newline] === '\r' && this.buffer[newline + 1] === '\n' ? 2 : 1;
      this.buffer = this.buffer.substring(newline + skip);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.line(line);
    }
  }

  private nextLineEnd(): number {
    const n = this.buffer.indexOf('\n');
    const r = this.buffer.indexOf('\r');
    if (r >= 0 && (n < 0 || r < n)) {
      // a lone \r at the very end may be the first half of \r\n: wait for more
      return r === this.buffer.length - 1 ? -1 : r;
    }
    return n;
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) {
        this.onEvent({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
      }
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.substring(0, colon);
    let value = colon < 0 ? '' : line.substring(colon + 1);
    if (value.startsWith(' ')) value = value.substring(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }

  /** The id of the last event seen, for Last-Event-ID on reconnect. */
  lastEventId(): string | undefined {
    return this.id;
  }
}

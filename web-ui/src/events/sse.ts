/** One message of a `text/event-stream`. */
export interface SseMessage {
  /** The last `id:` field so far (ids carry over to later messages); undefined before the first. */
  id?: string;
  /** The `event:` field; "message" when absent, as in the EventSource spec. */
  event: string;
  /** The `data:` lines, joined with "\n". */
  data: string;
}

/**
 * Parses a server-sent event stream chunk by chunk (the WHATWG "event stream interpretation"):
 * lines end with LF, CR or CRLF and may be split across chunks; a blank line ends a message;
 * lines starting with ":" are comments (heartbeats); a message without data is dropped.
 */
export class SseParser {
  private buffer = '';
  /** The previous chunk ended with CR: an LF starting the next one belongs to that line end. */
  private afterCr = false;
  private id: string | undefined;
  private event = '';
  private data: string[] = [];

  /** Feeds decoded text; returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    if (this.afterCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.afterCr = chunk.endsWith('\r');
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    const lines = this.buffer.split(/\r\n|\r|\n/);
    // The last piece has no line end yet: keep it for the next chunk.
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const message = this.data.length > 0 ? { id: this.id, event: this.event || 'message', data: this.data.join('\n') } : undefined;
    // The id carries over to later messages (it is the stream's last event id); the rest does not.
    this.event = '';
    this.data = [];
    return message;
  }
}

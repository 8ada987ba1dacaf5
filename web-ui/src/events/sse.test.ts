import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

const cloudEvent = '{"specversion":"1.0","id":"42","type":"user.created"}';

describe('SseParser', () => {
  it('reads id, event and data, and ends a message at a blank line', () => {
    const parser = new SseParser();
    expect(parser.push(`id: 42\nevent: user.created\ndata: ${cloudEvent}\n\n`)).toEqual([{ id: '42', event: 'user.created', data: cloudEvent }]);
  });

  it('puts together lines split across chunks, anywhere', () => {
    const parser = new SseParser();
    const text = `id: 7\nevent: group.created\ndata: {"a":1}\n\nid: 8\nevent: user.deleted\ndata: {"b":2}\n\n`;
    const messages = [];
    for (let i = 0; i < text.length; i += 3) messages.push(...parser.push(text.slice(i, i + 3)));
    expect(messages).toEqual([
      { id: '7', event: 'group.created', data: '{"a":1}' },
      { id: '8', event: 'user.deleted', data: '{"b":2}' },
    ]);
  });

  it('holds a message back until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('id: 1\ndata: one\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ id: '1', event: 'message', data: 'one' }]);
  });

  it('joins multi-line data with newlines', () => {
    const parser = new SseParser();
    expect(parser.push('data: first\ndata:second\ndata\n\n')).toEqual([{ id: undefined, event: 'message', data: 'first\nsecond\n' }]);
  });

  it('ignores comments such as the heartbeat, and messages without data', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\n:ping\n\nevent: nothing\n\nid: 3\ndata: x\n: in between\n\n')).toEqual([{ id: '3', event: 'message', data: 'x' }]);
  });

  it('accepts CRLF and CR line ends, even with CRLF split between chunks', () => {
    const parser = new SseParser();
    expect(parser.push('id: 1\r\ndata: a\r')).toEqual([]);
    expect(parser.push('\n\r\nid: 2\rdata: b\r\r')).toEqual([
      { id: '1', event: 'message', data: 'a' },
      { id: '2', event: 'message', data: 'b' },
    ]);
  });

  it('keeps the last id for later messages, as the stream position', () => {
    const parser = new SseParser();
    expect(parser.push('id: 5\ndata: a\n\ndata: b\n\n').map((m) => m.id)).toEqual(['5', '5']);
  });

  it('ignores unknown fields and keeps a value’s colons', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 1000\nfoo: bar\ndata: at: 10:00\n\n')).toEqual([{ id: undefined, event: 'message', data: 'at: 10:00' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from './sse';

function parse(...chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((e) => events.push(e));
  chunks.forEach((c) => parser.feed(c));
  return events;
}

describe('SseParser', () => {
  it('reads id, event and data of each event', () => {
    expect(parse('id: 7\nevent: notification\ndata: {"a":1}\n\n')).toEqual([{ id: '7', event: 'notification', data: '{"a":1}' }]);
  });

  it('joins an event split across chunks, even inside a CRLF', () => {
    expect(parse('id: 8\r', '\nevent: unread-count\r\nda', 'ta: {"unread":2}\r\n\r\n')).toEqual([
      { id: '8', event: 'unread-count', data: '{"unread":2}' },
    ]);
  });

  it('ignores comments and keeps the last id for events without one', () => {
    expect(parse(':keep-alive\n\nid: 3\ndata: x\n\ndata: y\n\n')).toEqual([
      { id: '3', event: 'message', data: 'x' },
      { id: '3', event: 'message', data: 'y' },
    ]);
  });

  it('waits for the blank line before delivering', () => {
    expect(parse('data: partial\n')).toEqual([]);
  });

  it('joins multi-line data with newlines', () => {
    expect(parse('data: a\ndata: b\n\n')[0].data).toBe('a\nb');
  });
});

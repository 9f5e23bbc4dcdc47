// The one event emitter: typed argument lists, unsubscribe, a throwing listener neither unwinds into
// the owner (logged) nor silences the others, listeners added during an emit wait for the next one.
import { describe, expect, it } from 'vitest';
import type { Logger } from './logger.js';
import { TypedEmitter } from './typed-emitter.js';

type Events = { frame: [id: number, atMs: number]; closed: [] };

function capturingLogger(): { logger: Logger; errors: unknown[] } {
  const errors: unknown[] = [];
  const logger = { error: (o: unknown) => errors.push(o), warn: () => {}, info: () => {}, debug: () => {}, trace: () => {}, child: () => logger } as unknown as Logger;
  return { logger, errors };
}

describe('TypedEmitter', () => {
  it('calls each listener of an event with its arguments, in order, until it unsubscribes', () => {
    const e = new TypedEmitter<Events>();
    const seen: string[] = [];
    const off = e.on('frame', (id, at) => seen.push(`a${id}@${at}`));
    e.on('frame', (id) => seen.push(`b${id}`));
    e.on('closed', () => seen.push('closed'));
    e.emit('frame', 1, 10);
    off();
    e.emit('frame', 2, 20);
    e.emit('closed');
    expect(seen).toEqual(['a1@10', 'b1', 'b2', 'closed']);
    expect(e.listenerCount('frame')).toBe(1);
    expect(e.has('closed')).toBe(true);
    e.clear();
    expect(e.has('frame') || e.has('closed')).toBe(false);
  });

  it('with a logger, a throwing listener is logged and the next one still runs', () => {
    const { logger, errors } = capturingLogger();
    const e = new TypedEmitter<Events>(logger);
    const seen: number[] = [];
    e.on('frame', () => {
      throw new Error('listener bug');
    });
    e.on('frame', (id) => seen.push(id));
    expect(() => e.emit('frame', 7, 0)).not.toThrow();
    expect(seen).toEqual([7]);
    expect(errors).toEqual([expect.objectContaining({ event: 'frame' })]);
  });

  it('without a logger, the first error is thrown after every listener has run', () => {
    const e = new TypedEmitter<Events>();
    const seen: number[] = [];
    e.on('frame', () => {
      throw new Error('first');
    });
    e.on('frame', () => {
      throw new Error('second');
    });
    e.on('frame', (id) => seen.push(id));
    expect(() => e.emit('frame', 3, 0)).toThrow('first');
    expect(seen).toEqual([3]);
  });

  it('a listener added or removed during an emit takes effect at the next emit', () => {
    const e = new TypedEmitter<Events>();
    const seen: string[] = [];
    let offB: () => void = () => {};
    e.on('frame', (id) => {
      seen.push(`a${id}`);
      e.on('frame', (n) => seen.push(`late${n}`));
      offB();
    });
    offB = e.on('frame', (id) => seen.push(`b${id}`));
    e.emit('frame', 1, 0);
    expect(seen).toEqual(['a1', 'b1']);
  });
});

// The log ring behind `log tail`: forwards every record, keeps the last N info+ lines in order,
// survives unserialisable objects.
import { describe, expect, it } from 'vitest';
import { LogRing } from './log-ring.js';
import { capturingLogger } from '../../shared/logger.js';

describe('LogRing', () => {
  it('forwards every record and keeps the last N info+ lines, oldest first', () => {
    const inner = capturingLogger();
    const ring = new LogRing(3, () => Date.UTC(2026, 0, 1));
    const log = ring.logger(inner).child({ ns: 'agent:test' });
    log.info({ a: 1 }, 'one');
    log.debug('hidden');
    log.warn('two');
    log.error({ err: 'x' }, 'three');
    log.info('four');
    expect(inner.records).toHaveLength(5);
    expect(ring.tail(10)).toEqual(['2026-01-01T00:00:00Z WARN ns=agent:test two', '2026-01-01T00:00:00Z ERROR ns=agent:test three {"err":"x"}', '2026-01-01T00:00:00Z INFO ns=agent:test four']);
    expect(ring.tail(1)).toEqual(['2026-01-01T00:00:00Z INFO ns=agent:test four']);
  });

  it('survives objects that cannot be serialised', () => {
    const ring = new LogRing(2, () => 0);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    ring.logger(capturingLogger()).info(loop, 'cyclic');
    expect(ring.tail(1)).toEqual(['1970-01-01T00:00:00Z INFO cyclic [unserialisable]']);
  });
});

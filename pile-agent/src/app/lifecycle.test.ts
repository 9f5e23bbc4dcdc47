// Lifecycle ordering: components start in order and stop in reverse; a failed start stops what
// already started and reports the failure in health; stop is idempotent and survives a failing stop.
import { describe, expect, it } from 'vitest';
import { capturingLogger, nullLogger, type LogRecord } from '../shared/logger.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FaultRegistry } from './fault-registry.js';
import { Lifecycle, type Component } from './lifecycle.js';

function parts(log: string[], failStart?: string, failStop?: string): Component[] {
  return ['storage', 'meters', 'connectors', 'reader'].map((name) => ({
    name,
    start: () => {
      if (name === failStart) throw new Error(`${name} broken`);
      log.push(`start ${name}`);
    },
    stop: () => {
      log.push(`stop ${name}`);
      if (name === failStop) throw new Error('stop failed');
    },
  }));
}

describe('Lifecycle', () => {
  it('a stop that never finishes is logged after the timeout and the others still stop (storage last)', async () => {
    const log: string[] = [];
    const records: LogRecord[] = [];
    const stuck = parts(log).map((c) => (c.name === 'connectors' ? { ...c, stop: () => new Promise<void>(() => log.push('stop connectors (hangs)')) } : c));
    const l = new Lifecycle(stuck, capturingLogger(records), 30);
    await l.start();
    await l.stop();
    expect(log.slice(4)).toEqual(['stop reader', 'stop connectors (hangs)', 'stop meters', 'stop storage']);
    expect(records.some((r) => r.level === 'error' && JSON.stringify(r.obj).includes('connectors') && r.msg?.includes('did not finish'))).toBe(true);
    expect(l.health().state).toBe('stopped');
  });

  it('starts in order, stops in reverse, once', async () => {
    const log: string[] = [];
    const l = new Lifecycle(parts(log), nullLogger);
    await l.start();
    expect(l.health().state).toBe('running');
    await Promise.all([l.stop(), l.stop()]);
    expect(log).toEqual(['start storage', 'start meters', 'start connectors', 'start reader', 'stop reader', 'stop connectors', 'stop meters', 'stop storage']);
    expect(l.health().state).toBe('stopped');
  });

  it('a failed start stops what started, in reverse, and reports it', async () => {
    const log: string[] = [];
    const l = new Lifecycle(parts(log, 'connectors'), nullLogger);
    await expect(l.start()).rejects.toThrow('connectors broken');
    expect(log).toEqual(['start storage', 'start meters', 'stop meters', 'stop storage']);
    expect(l.health()).toMatchObject({ state: 'failed', error: 'connectors: connectors broken' });
  });

  it('a component that fails to stop does not keep the others running', async () => {
    const log: string[] = [];
    const l = new Lifecycle(parts(log, undefined, 'connectors'), nullLogger);
    await l.start();
    await l.stop();
    expect(log.slice(4)).toEqual(['stop reader', 'stop connectors', 'stop meters', 'stop storage']);
  });
});

describe('FaultRegistry', () => {
  it('keeps the active faults, notifies raise and clear once, refuses codes outside the catalog', () => {
    const clock = new FakeClock();
    const r = new FaultRegistry({ clock, logger: nullLogger });
    const changes: string[] = [];
    r.onChange((c) => changes.push(`${c.active ? '+' : '-'}${c.code}@${c.source}`));
    r.raise('meter.comm-loss', 'connector-1', 'timeout');
    clock.advance(1000);
    r.raise('meter.comm-loss', 'connector-1', 'timeout again');
    r.raise('nonsense' as never, 'x');
    expect(r.list()).toEqual([expect.objectContaining({ code: 'meter.comm-loss', detail: 'timeout again', since: new Date(Date.UTC(2026, 0, 1)).toISOString(), severity: 'error' })]);
    r.clear('meter.comm-loss', 'connector-1');
    r.clear('meter.comm-loss', 'connector-1');
    expect(changes).toEqual(['+meter.comm-loss@connector-1', '-meter.comm-loss@connector-1']);
    expect(r.list()).toEqual([]);
  });
});

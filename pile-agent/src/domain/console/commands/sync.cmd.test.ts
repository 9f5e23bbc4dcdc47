// `sync` and `sync now` against a fake SyncControl: every status line with ages from the console's
// clock, an empty outbox, a link that is down, JSON values, and the pile without a cloud link.
import { describe, expect, it } from 'vitest';
import { kit } from './command-test-kit.js';
import type { SyncControl, SyncStatus } from '../../sync/sync-status.js';

function fakeSync(status: Partial<SyncStatus> = {}): SyncControl & { calls: number; current: SyncStatus } {
  const fake = {
    calls: 0,
    current: {
      link: 'online',
      brokerUrl: 'mqtts://cloud.example:8883',
      whitelistVersion: 1207,
      lastPageAt: '2026-01-01T07:58:00.000Z',
      outboxDepth: 3,
      oldestUnsentAt: '2026-01-01T07:55:30.000Z',
      lastAckAt: '2026-01-01T07:59:59.000Z',
      ...status,
    } as SyncStatus,
    status: () => fake.current,
    syncNow: () => void fake.calls++,
  };
  return fake;
}

describe('sync', () => {
  it('shows link, broker, version, last page, outbox with the oldest unsent event and its age, last ack', async () => {
    const { ctx, run } = kit(); // console clock: 2026-01-01T08:00:00Z
    ctx.sync = fakeSync();
    const r = await run('sync');
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual([
      'link: online',
      'broker: mqtts://cloud.example:8883',
      'whitelist version: 1207',
      'last page: 2026-01-01T07:58:00.000Z (2m ago)',
      'outbox: 3 unsent, oldest 2026-01-01T07:55:30.000Z (4m 30s ago)',
      'last ack: 2026-01-01T07:59:59.000Z (1s ago)',
    ]);
    expect(r.value).toEqual({ configured: true, ...ctx.sync.status(), oldestUnsentAgeMs: 270_000 });
  });

  it('says never and empty before anything was synced or written', async () => {
    const { ctx, run } = kit();
    ctx.sync = fakeSync({ link: 'connecting', whitelistVersion: 0, lastPageAt: null, outboxDepth: 0, oldestUnsentAt: null, lastAckAt: null });
    const r = await run('sync');
    expect(r.lines).toEqual(['link: connecting', 'broker: mqtts://cloud.example:8883', 'whitelist version: 0', 'last page: never', 'outbox: empty', 'last ack: never']);
    expect(r.value).toMatchObject({ configured: true, outboxDepth: 0, oldestUnsentAgeMs: null });
  });

  it('tells a pile without a cloud link', async () => {
    const r = await kit().run('sync');
    expect(r).toEqual({ ok: true, lines: ['cloud link not configured'], value: { configured: false } });
  });

  it('rejects extra words', async () => {
    const { ctx, run } = kit();
    ctx.sync = fakeSync();
    const r = await run('sync later');
    expect(r.ok).toBe(false);
  });
});

describe('sync now', () => {
  it('calls syncNow once and says so', async () => {
    const { ctx, run } = kit();
    const sync = fakeSync();
    ctx.sync = sync;
    const r = await run('sync now');
    expect(sync.calls).toBe(1);
    expect(r.lines).toEqual(['sync requested from whitelist version 1207']);
    expect(r.value).toEqual({ requested: true, fromVersion: 1207, link: 'online' });
  });

  it('still requests while the link is down, and says when it will run', async () => {
    const { ctx, run } = kit();
    const sync = fakeSync({ link: 'offline' });
    ctx.sync = sync;
    const r = await run('sync now');
    expect(sync.calls).toBe(1);
    expect(r.lines).toEqual(['sync requested from whitelist version 1207 (link is offline: it runs once the link is up)']);
  });

  it('fails on a pile without a cloud link', async () => {
    const r = await kit().run('sync now');
    expect(r).toEqual({ ok: false, lines: ['error: cloud link not configured'], value: { configured: false } });
  });
});

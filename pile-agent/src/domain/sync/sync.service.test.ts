// The sync service over a fake cloud link, in-memory repositories and a fake clock: hello on every
// connect, at most one resync in flight however many pages break, commands executed once per id, a
// stop for a session that no longer runs stops nothing, and command expiry judged on the cloud's clock
// whatever the pile's clock says.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { FakeCloudLink } from '../../testing/fake-cloud-link.js';
import { nullLogger } from '../../shared/logger.js';
import { aDepartment, aVehicle, aVin, deltaPage, upsert } from '../authorization/whitelist.builders.js';
import { MemoryWhitelistRepo } from '../authorization/whitelist.memory-repo.js';
import { MemoryJournalRepo } from '../session/journal.memory-repo.js';
import { SyncService, type StopOutcome, type StopRequest } from './sync.service.js';

const SESSION = '3f2b8c1e-8d4a-4e3b-9a51-2c7d0e6f1a20';
const OTHER = '9a0b8c1e-8d4a-4e3b-9a51-2c7d0e6f1a21';

function setup(opts: { pileSkewMs?: number } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 4, 1, 8) + (opts.pileSkewMs ?? 0));
  const link = new FakeCloudLink();
  const whitelist = new MemoryWhitelistRepo();
  const outbox = new MemoryJournalRepo();
  const stops: StopRequest[] = [];
  let running: string | null = SESSION;
  const service = new SyncService({
    link,
    brokerUrl: 'mqtt://cloud',
    whitelist,
    outbox,
    clock,
    logger: nullLogger,
    stationId: 7,
    agentVersion: '0.1.0',
    connectors: () => [{ id: 1, phase: running ? 'charging' : 'idle' }],
    stop: (r): StopOutcome => {
      if (r.sessionId !== null && r.sessionId !== running) return { kind: 'not-running', detail: `session ${r.sessionId} is not running here: nothing stopped` };
      if (!running) return { kind: 'not-running', detail: 'nothing running on connector 1' };
      stops.push(r);
      running = null;
      return { kind: 'stopped' };
    },
  });
  /** The cloud's clock: the pile's minus its skew. */
  const cloudIso = (plusMs = 0) => new Date(clock.now() - (opts.pileSkewMs ?? 0) + plusMs).toISOString();
  const env = (id: string, extra: Record<string, unknown> = {}) => ({ v: 1, id, at: cloudIso(), ...extra });
  const start = async () => {
    await service.start();
    link.set('online');
  };
  return { clock, link, whitelist, outbox, service, stops, env, cloudIso, start, setRunning: (s: string | null) => (running = s) };
}

const part = (id: string, n: number, parts: number, toVersion = 30) => ({
  kind: 'snapshot',
  snapshotId: id,
  toVersion,
  part: n,
  parts,
  changes: n === 1 ? [upsert('department', aDepartment(), toVersion)] : [upsert('vehicle', aVehicle({ vin: aVin(n) }), toVersion)],
});

describe('SyncService', () => {
  it('says hello on every connect with what the pile holds', async () => {
    const t = setup();
    await t.start();
    t.link.set('offline');
    t.link.set('online');
    const hellos = t.link.sent('hello');
    expect(hellos).toHaveLength(2);
    expect(hellos[0]).toMatchObject({ v: 1, stationId: 7, whitelistVersion: 0, connectors: [{ id: 1, phase: 'charging' }], outbox: { depth: 0, oldestAt: null } });
  });

  it('answers a duplicated snapshot part with no whitelist/request at all (the storm defect)', async () => {
    const t = setup();
    await t.start();
    const parts = Array.from({ length: 40 }, (_, i) => part('s1', i + 1, 40));
    for (const p of [parts[0], parts[1], parts[1], ...parts.slice(2)]) t.link.deliver('whitelist/page', t.env(`p${p.part}`, { page: p }));
    expect(t.link.sent('whitelist/request')).toHaveLength(0);
    expect(t.whitelist.version()).toBe(30);
    expect(t.link.sent('whitelist/ack').at(-1)).toMatchObject({ version: 30 });
  });

  it('sends one resync for many broken pages, and the next only after a backoff', async () => {
    const t = setup();
    await t.start();
    for (let i = 0; i < 5; i++) t.link.deliver('whitelist/page', t.env(`h${i}`, { page: deltaPage(100 + i, 101 + i, []) }));
    expect(t.link.sent('whitelist/request')).toHaveLength(0); // the hello's answer is awaited
    t.clock.advance(2_000); // the hello's own wait (2 s) is over
    for (let i = 0; i < 50; i++) t.link.deliver('whitelist/page', t.env(`d${i}`, { page: deltaPage(100 + i, 101 + i, []) }));
    expect(t.link.sent('whitelist/request')).toHaveLength(1);
    t.clock.advance(3_999); // the second request waits twice as long
    t.link.deliver('whitelist/page', t.env('late', { page: deltaPage(500, 501, []) }));
    expect(t.link.sent('whitelist/request')).toHaveLength(1);
    t.clock.advance(1);
    t.link.deliver('whitelist/page', t.env('later', { page: deltaPage(600, 601, []) }));
    expect(t.link.sent('whitelist/request')).toHaveLength(2);
  });

  it('a page applied whole ends the wait: the next gap asks at once', async () => {
    const t = setup();
    await t.start();
    t.link.deliver('whitelist/page', t.env('ok', { page: deltaPage(0, 5, [upsert('department', aDepartment(), 5)]) }));
    t.link.deliver('whitelist/page', t.env('gap', { page: deltaPage(9, 10, []) }));
    expect(t.link.sent('whitelist/request')).toEqual([expect.objectContaining({ fromVersion: 5, reason: 'gap' })]);
  });

  it('executes a command once per id and answers a redelivery with the first outcome', async () => {
    const t = setup();
    await t.start();
    const cmd = t.env('cmd-1', { command: { kind: 'stop', connectorId: 1, reason: 'remote' }, expiresAt: t.cloudIso(60_000) });
    t.link.deliver('command', cmd);
    t.setRunning(OTHER); // a new session on the connector
    t.link.deliver('command', cmd);
    expect(t.stops).toHaveLength(1);
    expect(t.link.sent('command/ack')).toEqual([expect.objectContaining({ re: 'cmd-1', status: 'acknowledged' }), expect.objectContaining({ re: 'cmd-1', status: 'acknowledged' })]);
  });

  it('a stop naming a session that no longer runs is acknowledged as such and stops nothing', async () => {
    const t = setup();
    await t.start();
    t.setRunning(OTHER);
    t.link.deliver('command', t.env('cmd-2', { command: { kind: 'stop', connectorId: 1, reason: 'cloud-veto', sessionId: SESSION }, expiresAt: t.cloudIso(60_000) }));
    expect(t.stops).toHaveLength(0);
    expect(t.link.sent('command/ack')[0]).toMatchObject({ re: 'cmd-2', status: 'acknowledged', detail: expect.stringContaining('nothing stopped') });
  });

  it.each([60_000, 3 * 3_600_000, -3 * 3_600_000])('executes a fresh stop on a pile whose clock is off by %i ms', async (skew) => {
    const t = setup({ pileSkewMs: skew });
    await t.start();
    t.link.deliver('command', t.env('cmd-3', { command: { kind: 'stop', connectorId: 1, reason: 'cloud-veto', sessionId: SESSION }, expiresAt: t.cloudIso(30_000) }));
    expect(t.stops).toHaveLength(1);
    expect(t.link.sent('command/ack')[0]).toMatchObject({ status: 'acknowledged' });
  });

  it('refuses a command expired in cloud time, measured from a round trip, whatever the pile clock says', async () => {
    const t = setup({ pileSkewMs: -3 * 3_600_000 });
    await t.start();
    const hello = t.link.sent('hello')[0];
    t.clock.advance(40);
    t.link.deliver('whitelist/page', { ...t.env('p1', { page: deltaPage(0, 1, []) }), re: hello.id });
    // Queued by the broker while the pile was away: sent 2 min ago, expired 1 min ago (cloud time).
    t.link.deliver('command', { v: 1, id: 'cmd-old', at: t.cloudIso(-120_000), command: { kind: 'stop', connectorId: 1, reason: 'remote' }, expiresAt: t.cloudIso(-60_000) });
    expect(t.stops).toHaveLength(0);
    expect(t.link.sent('command/ack')[0]).toMatchObject({ re: 'cmd-old', status: 'failed', detail: 'expired before it arrived' });
    expect(Math.abs(t.service.cloudNow()! - Date.parse(t.cloudIso()))).toBeLessThanOrEqual(20);
  });

  it('answers a malformed downlink with error and applies nothing', async () => {
    const t = setup();
    await t.start();
    t.link.deliver('command', '{"v":1,"id":"bad","at":"2026-05-01T08:00:00.000Z","command":{"kind":"explode"}}');
    t.link.deliver('whitelist/page', 'not json');
    t.link.deliver('command', '{"v":2,"id":"v2"}');
    expect(t.stops).toHaveLength(0);
    expect(t.link.sent('error').map((e) => e.reason)).toEqual(['invalid', 'not-json', 'unsupported-version']);
  });

  it('drains the outbox with session/events and removes what the cloud acknowledges', async () => {
    const t = setup();
    t.outbox.open(
      {
        sessionId: SESSION,
        connectorId: 1,
        pileId: 'P-001',
        stationId: 7,
        mode: 4,
        credentialKind: 'vin-button',
        cardNo: null,
        memberId: null,
        credentialDepartmentId: null,
        payer: null,
        attribution: null,
        stopBy: [],
        meterStartWh: 1000,
        startedAt: '2026-05-01T08:00:00.000Z',
      },
      { meterStartWh: 1000 },
    );
    t.outbox.append(SESSION, 'meter', '2026-05-01T08:00:05.000Z', { energyWh: 1010, powerW: 1 });
    await t.start();
    const batch = t.link.sent('session/events')[0] as { id: string; events: { key: string }[] };
    expect(batch.events.map((e) => e.key)).toEqual([`${SESSION}:1`, `${SESSION}:2`]);
    t.link.deliver('session/ack', { ...t.env('k1'), re: batch.id, results: [{ key: `${SESSION}:1`, status: 'applied' }] });
    expect(t.service.status()).toMatchObject({ link: 'online', outboxDepth: 1 });
    expect(t.service.cloudNow()).not.toBeNull();
  });
});

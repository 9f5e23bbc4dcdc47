// The session runner with a fake GB/T link and a fake meter, a fake clock, a real whitelist decision
// (memory repo, real scrypt hashes) and a real SQLite journal in memory: the journal is written
// before the action it guards, the link's decision hook is answered from the VIN stage, sampling,
// stops, the mode 4 snapshot password, and a failed journal write that keeps the link from starting.
import { describe, expect, it, vi } from 'vitest';
import type { BmsLink, BmsLinkEvents } from '../../ports/bms-link.port.js';
import type { EnergyMeter, MeterFaultEvent } from '../../ports/energy-meter.port.js';
import type { Brm } from '../../protocols/gbt27930/messages/types.js';
import { ok } from '../../shared/result.js';
import { nullLogger } from '../../shared/logger.js';
import { hashSecret } from '../../shared/secret-hash.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { openDatabase } from '../../persistence/sqlite/db.js';
import { SqliteJournalRepo } from '../../persistence/sqlite/journal.repo.js';
import { SqliteOutboxRepo } from '../../persistence/sqlite/outbox.repo.js';
import { aCard, aDepartment, aFixedPassword, aVehicle, aVin, snapshotPage, upsert, deltaPage } from '../authorization/whitelist.builders.js';
import { MemoryWhitelistRepo } from '../authorization/whitelist.memory-repo.js';
import { CredentialDecider } from './credential-decider.js';
import { TEST_SESSION_CONFIG } from './session.fixture.js';
import { SessionRecorder } from './session-recorder.js';
import { ConnectorSession } from './session.service.js';

class FakeLink implements BmsLink {
  readonly calls: string[] = [];
  private readonly l = new Map<string, Set<(p: unknown) => void>>();
  start() {
    this.calls.push('start');
  }
  stop(cause: string) {
    this.calls.push(`stop:${cause}`);
  }
  power() {}
  on<K extends keyof BmsLinkEvents>(event: K, listener: (payload: BmsLinkEvents[K]) => void) {
    const set = this.l.get(event) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.l.set(event, set);
    return () => set.delete(listener as (p: unknown) => void);
  }
  emit<K extends keyof BmsLinkEvents>(event: K, payload: BmsLinkEvents[K]) {
    for (const f of this.l.get(event) ?? []) f(payload);
  }
  snapshot() {
    return { phase: 'idle' as const, vin: null, vinStatus: null, recoveries: 0, socPct: null };
  }
  close() {}
}

class FakeMeter implements EnergyMeter {
  energyWh = 50_000;
  private faults = new Set<(e: MeterFaultEvent) => void>();
  async read() {
    return ok({ energyWh: this.energyWh, powerW: 60_000, voltageMv: 600_000, currentMa: 100_000, atMs: 0 });
  }
  async readEnergyWh() {
    return ok(this.energyWh);
  }
  onFault(l: (e: MeterFaultEvent) => void) {
    this.faults.add(l);
    return () => this.faults.delete(l);
  }
  async close() {}
}

const VIN = aVin(7);
const brmOf = (vin: string | null): Brm => ({ vin, vinStatus: vin ? 'valid' : 'absent' }) as Brm;

async function rig() {
  const fast = { N: 1024, r: 8, p: 1 };
  const whitelist = new MemoryWhitelistRepo();
  whitelist.applyPage(
    snapshotPage(1, {
      departments: [aDepartment({ id: '11', stopPasswordHash: await hashSecret('8888', fast), stopPasswordVersion: 1 })],
      vehicles: [aVehicle({ vin: VIN, departmentId: '11' })],
      cards: [aCard({ cardNo: 'C0FFEE01', departmentId: '11' })],
      fixedPasswords: [aFixedPassword({ hash: await hashSecret('123456', fast), memberId: '99' })],
    }),
  );
  const { db } = openDatabase({ path: ':memory:', logger: nullLogger });
  const journal = new SqliteJournalRepo({ db, logger: nullLogger });
  const outbox = new SqliteOutboxRepo({ db, logger: nullLogger });
  const clock = new FakeClock();
  const link = new FakeLink();
  const meter = new FakeMeter();
  const raised: string[] = [];
  let n = 0;
  const session = new ConnectorSession({
    connectorId: 1,
    machine: TEST_SESSION_CONFIG,
    meterSampleIntervalMs: 10_000,
    link,
    meter,
    clock,
    logger: nullLogger,
    recorder: new SessionRecorder({ journal, clock, logger: nullLogger, pileId: 'P1', stationId: 5, connectorId: 1 }),
    decider: new CredentialDecider({ whitelist, policy: () => ({ online: false, vinChargeEnabled: true }) }),
    faults: { raise: (code) => raised.push(code), clear: () => {} },
    newSessionId: () => `00000000-0000-4000-8000-00000000000${++n}`,
  });
  const until = (phase: string) => vi.waitFor(() => expect(session.state.phase).toBe(phase), { timeout: 3_000, interval: 2 });
  return { whitelist, db, journal, outbox, clock, link, meter, session, raised, until, fast };
}

describe('ConnectorSession', () => {
  it('mode 2 card: journal opened before link start, samples journaled, the same card stops, meter stop recorded', async () => {
    const r = await rig();
    r.session.input({ type: 'card', cardNo: 'C0FFEE01' });
    await r.until('connecting');
    const id = r.session.state.session!.sessionId;
    expect(r.link.calls).toEqual(['start']);
    expect(r.journal.entries(id).map((e) => e.kind)).toEqual(['started']);
    // Mode 2 records the VIN when the BMS sends one, and allows.
    await expect(r.session.decideVin(brmOf(VIN))).resolves.toEqual({ allow: true });
    r.link.emit('contactors', { closed: true, purpose: 'charging' });
    expect(r.session.state.phase).toBe('charging');
    r.meter.energyWh = 50_400;
    r.clock.advance(10_000);
    await vi.waitFor(() => expect(r.journal.entries(id).map((e) => e.kind)).toContain('meter'), { timeout: 3_000, interval: 2 });
    r.session.input({ type: 'card', cardNo: 'C0FFEE01' });
    expect(r.link.calls).toEqual(['start', 'stop:manual']);
    r.meter.energyWh = 50_500;
    r.link.emit('ended', { outcome: 'stopped', reason: 'local-stop:card' });
    await r.until('finished');
    const row = r.journal.session(id)!;
    expect(row).toMatchObject({ state: 'closed', mode: 2, vin: VIN, meterStartWh: 50_000, meterStopWh: 50_500, stopReason: 'user-card' });
    expect(r.journal.entries(id).map((e) => e.kind)).toEqual(['started', 'vin', 'charging', 'meter', 'stop-requested', 'stopped']);
    expect(r.outbox.count()).toBe(6);
  });

  it('mode 4 unregistered VIN: the hook answers refuse (before CRM 0xAA), closed as vin-refused, no charging event', async () => {
    const r = await rig();
    r.session.input({ type: 'vin-button' });
    await r.until('connecting');
    const id = r.session.state.session!.sessionId;
    await expect(r.session.decideVin(brmOf(aVin(999)))).resolves.toEqual({ allow: false, reason: 'vin-unregistered' });
    r.link.emit('ended', { outcome: 'refused', reason: 'vin-unregistered' });
    await r.until('finished');
    expect(r.journal.session(id)).toMatchObject({ stopReason: 'vin-refused', meterStopWh: 50_000, vinStatus: 'valid' });
    expect(r.journal.entries(id).map((e) => e.kind)).not.toContain('charging');
  });

  it('mode 4 stops with the stop password snapshotted at start, even after the department changed it', async () => {
    const r = await rig();
    r.session.input({ type: 'vin-button' });
    await r.until('connecting');
    await expect(r.session.decideVin(brmOf(VIN))).resolves.toEqual({ allow: true });
    r.link.emit('contactors', { closed: true, purpose: 'charging' });
    r.whitelist.applyPage(deltaPage(1, 2, [upsert('department', aDepartment({ id: '11', stopPasswordHash: await hashSecret('0000', r.fast), stopPasswordVersion: 2 }), 2)]));
    r.session.input({ type: 'password', password: '0000' });
    await vi.waitFor(() => expect(r.session.state.keypad.failures).toBe(1), { timeout: 3_000, interval: 2 });
    expect(r.session.state.phase).toBe('charging');
    r.session.input({ type: 'password', password: '8888' });
    await r.until('stopping');
    expect(r.link.calls).toEqual(['start', 'stop:manual']);
  });

  it('mode 1 fixed password: VIN recorded, payer is the station admin member', async () => {
    const r = await rig();
    r.session.input({ type: 'password', password: '123456' });
    await r.until('connecting');
    const id = r.session.state.session!.sessionId;
    await r.session.decideVin(brmOf(VIN));
    expect(r.journal.session(id)).toMatchObject({ mode: 1, credentialKind: 'fixed-password', vin: VIN, payer: { kind: 'member', memberId: '99' } });
  });

  it('a failed journal write raises storage.error and the link never starts', async () => {
    const r = await rig();
    r.db.exec('DROP TABLE outbox');
    r.session.input({ type: 'card', cardNo: 'C0FFEE01' });
    await vi.waitFor(() => expect(r.raised).toContain('storage.error'), { timeout: 3_000, interval: 2 });
    expect(r.link.calls).not.toContain('start');
    expect(r.session.state.phase).toBe('stopping'); // the storage fault stops the attempt
  });

  it('a decision hook call with no session running is refused at once', async () => {
    const r = await rig();
    await expect(r.session.decideVin(brmOf(VIN))).resolves.toEqual({ allow: false, reason: 'no-session' });
  });
});

// The session journal and outbox on a real SQLite file: numbered events with one outbox record each
// (key sessionId:seq), row patches, idempotent close, power-loss recovery run twice, reopening the
// file (what a restart sees), outbox ack, and that the mode 4 hash never reaches an outbox record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalRepoContract } from '../../domain/session/journal-repo.contract.js';
import { recoverInterruptedSessions } from '../../domain/session/recovery.js';
import { sessionRecordIssues } from '../../domain/session/session-record.builder.js';
import { SessionRecorder } from '../../domain/session/session-recorder.js';
import { aRunningSession, MODE4_ALLOWED } from '../../domain/session/session.fixture.js';
import { nullLogger } from '../../shared/logger.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { openDatabase } from './db.js';
import { SqliteJournalRepo } from './journal.repo.js';
import { SqliteOutboxRepo } from './outbox.repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(path?: string) {
  const file = path ?? join(dirs[dirs.push(mkdtempSync(join(tmpdir(), 'pilegate-journal-'))) - 1], 'agent.db');
  const { db } = openDatabase({ path: file, logger: nullLogger });
  const clock = new FakeClock(Date.UTC(2026, 4, 1, 8, 0, 0));
  const journal = new SqliteJournalRepo({ db, logger: nullLogger });
  const outbox = new SqliteOutboxRepo({ db, logger: nullLogger });
  const recorder = new SessionRecorder({ journal, clock, logger: nullLogger, pileId: 'PILE-7', stationId: 12, connectorId: 1 });
  return { file, db, clock, journal, outbox, recorder };
}

const UUID = '3f1c2a4e-8b7d-4c6a-9e2f-0a1b2c3d4e5f';
const numericIds = aRunningSession({
  sessionId: UUID,
  startedAtMs: Date.UTC(2026, 4, 1, 8, 0, 0),
  meterStartWh: 10_000,
  decision: {
    ...aRunningSession().decision,
    credential: { kind: 'card', cardNo: '04A1B2C3', memberId: '31', departmentId: '11', fixedPasswordId: null },
    payer: { kind: 'department', departmentId: '11' },
    attribution: { kind: 'department', departmentId: '11' },
  },
});

function chargeOnce(r: ReturnType<typeof open>) {
  r.recorder.open({ ...numericIds, meterStartWh: 10_000 });
  r.clock.advance(1_000);
  r.recorder.append({ type: 'journal', sessionId: UUID, kind: 'charging', data: { meterStartWh: 10_000 } });
  for (const wh of [10_100, 10_250]) {
    r.clock.advance(10_000);
    r.recorder.append({ type: 'journal', sessionId: UUID, kind: 'meter', data: { energyWh: wh, powerW: 60_000 } });
  }
}

describe('SqliteJournalRepo', () => {
  it('numbers events 1..n and writes one outbox record per event with key sessionId:seq', () => {
    const r = open();
    chargeOnce(r);
    expect(r.journal.entries(UUID).map((e) => [e.seq, e.kind])).toEqual([
      [1, 'started'],
      [2, 'charging'],
      [3, 'meter'],
      [4, 'meter'],
    ]);
    expect(r.outbox.pending().map((o) => o.key)).toEqual([1, 2, 3, 4].map((n) => `${UUID}:${n}`));
    const row = r.journal.session(UUID)!;
    expect(row).toMatchObject({ state: 'open', meterStartWh: 10_000, lastMeterWh: 10_250, lastMeterAt: '2026-05-01T08:00:21.000Z', pileId: 'PILE-7' });
  });

  it('close writes `stopped` with a contract-valid session record; a second close writes nothing', () => {
    const r = open();
    chargeOnce(r);
    r.clock.advance(5_000);
    const first = r.recorder.close({ type: 'journal-close', sessionId: UUID, meterStopWh: 10_300, stopReason: 'user-card', detail: 'card' });
    expect(first?.seq).toBe(5);
    expect(sessionRecordIssues(first!.data)).toEqual([]);
    expect(first!.data).toMatchObject({ meterStartWh: 10_000, meterStopWh: 10_300, stopReason: 'user-card', payer: { kind: 'department', departmentId: '11' }, stationId: 12 });
    expect(r.recorder.close({ type: 'journal-close', sessionId: UUID, meterStopWh: 99_999, stopReason: 'remote', detail: null })).toBeNull();
    expect(r.recorder.append({ type: 'journal', sessionId: UUID, kind: 'meter', data: { energyWh: 1 } })).toBeNull();
    expect(r.outbox.count()).toBe(5);
  });

  it('the mode 4 stop-password hash stays in the journal row, never in an outbox record', () => {
    const r = open();
    r.recorder.open({ ...aRunningSession({ sessionId: UUID, decision: MODE4_ALLOWED }), meterStartWh: 0 });
    expect(r.journal.session(UUID)!.stopBy).toEqual(MODE4_ALLOWED.stopBy);
    expect(JSON.stringify(r.outbox.pending())).not.toContain('scrypt$h');
  });
});

describe('power-loss recovery', () => {
  it('closes an interrupted session from the last meter reading after a reopen; a second run changes nothing', () => {
    const first = open();
    chargeOnce(first);
    first.db.close(); // the process dies here: nothing else is written

    const restarted = open(first.file);
    const report = recoverInterruptedSessions({ journal: restarted.journal, recorder: restarted.recorder, logger: nullLogger });
    expect(report.closed).toEqual([{ sessionId: UUID, connectorId: 1, meterStopWh: 10_250, from: 'journal' }]);
    const row = restarted.journal.session(UUID)!;
    expect(row).toMatchObject({ state: 'closed', stopReason: 'power-loss', meterStopWh: 10_250, stoppedAt: '2026-05-01T08:00:21.000Z' });
    const stopped = restarted.journal.entries(UUID).at(-1)!;
    expect(stopped).toMatchObject({ seq: 5, kind: 'stopped', data: { stopReason: 'power-loss', meterStopWh: 10_250 } });
    expect(sessionRecordIssues(stopped.data)).toEqual([]);
    restarted.db.close();

    const again = open(first.file);
    expect(recoverInterruptedSessions({ journal: again.journal, recorder: again.recorder, logger: nullLogger }).closed).toEqual([]);
    expect(again.journal.entries(UUID)).toHaveLength(5);
    expect(again.outbox.count()).toBe(5);
    again.db.close();
  });

  it("closes from the meter's register read at restart when it is plausible, else from the journal", () => {
    const closeWith = (registerWh: number | undefined) => {
      const r = open();
      chargeOnce(r); // last journaled reading 10 250 Wh
      const energyWh = new Map(registerWh === undefined ? [] : [[1, registerWh]]);
      const report = recoverInterruptedSessions({ journal: r.journal, recorder: r.recorder, logger: nullLogger, registers: { energyWh, maxTailWh: () => 300 } });
      expect(r.journal.session(UUID)).toMatchObject({ meterStopWh: report.closed[0].meterStopWh, stoppedAt: '2026-05-01T08:00:21.000Z' });
      expect(r.journal.entries(UUID).at(-1)!.data).toMatchObject({ meterStopWh: report.closed[0].meterStopWh });
      return report.closed[0];
    };
    expect(closeWith(10_400)).toMatchObject({ meterStopWh: 10_400, from: 'meter' }); // what flowed after the last sample
    expect(closeWith(10_550)).toMatchObject({ meterStopWh: 10_550, from: 'meter' }); // exactly the most the connector could deliver
    expect(closeWith(10_551)).toMatchObject({ meterStopWh: 10_250, from: 'journal' }); // more than it could: not this session's
    expect(closeWith(10_249)).toMatchObject({ meterStopWh: 10_250, from: 'journal' }); // below: a replaced or reset meter
    expect(closeWith(undefined)).toMatchObject({ meterStopWh: 10_250, from: 'journal' }); // the meter did not answer
  });

  it('a session interrupted right after it opened closes at its meter start', () => {
    const r = open();
    r.recorder.open({ ...numericIds, meterStartWh: 10_000 });
    recoverInterruptedSessions({ journal: r.journal, recorder: r.recorder, logger: nullLogger });
    expect(r.journal.session(UUID)).toMatchObject({ state: 'closed', meterStopWh: 10_000, stopReason: 'power-loss' });
  });
});

describe('SqliteOutboxRepo.ack', () => {
  it('deletes every record up to and including the key, in outbox order; unknown keys delete nothing', () => {
    const r = open();
    chargeOnce(r);
    expect(r.outbox.ack('nope:1')).toBe(0);
    expect(r.outbox.ack(`${UUID}:2`)).toBe(2);
    expect(r.outbox.pending().map((o) => o.payload.seq)).toEqual([3, 4]);
    expect(r.outbox.pending()[0].payload).toMatchObject({ kind: 'session.meter', pileId: 'PILE-7', connectorId: 1, data: { energyWh: 10_100 } });
    expect(r.outbox.ack(`${UUID}:4`)).toBe(2);
    expect(r.outbox.count()).toBe(0);
    // The journal is not the outbox: acknowledged records stay in the journal.
    expect(r.journal.entries(UUID)).toHaveLength(4);
  });
});

journalRepoContract('SqliteJournalRepo', () => {
  const { db } = openDatabase({ path: ':memory:', logger: nullLogger });
  return { journal: new SqliteJournalRepo({ db, logger: nullLogger }), outbox: new SqliteOutboxRepo({ db, logger: nullLogger }) };
});

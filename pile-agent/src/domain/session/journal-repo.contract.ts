// The JournalRepo / OutboxRepo contract, run against the SQLite and the memory implementations
// (journal.memory-repo.test.ts, persistence/sqlite/journal.repo.test.ts): numbering, one outbox record
// per event, row patches, idempotent close, recovery twice, ack, one session's pending records.
import { describe, expect, it } from 'vitest';
import type { JournalRepo, OutboxRepo, SessionOpenRow } from './journal.repo.js';
import { recoverInterruptedSessions } from './recovery.js';
import { sessionRecordOf } from './session-record.builder.js';
import { nullLogger } from '../../shared/logger.js';

const ROW: SessionOpenRow = {
  sessionId: '3f1c2a4e-8b7d-4c6a-9e2f-0a1b2c3d4e5f',
  connectorId: 2,
  pileId: 'P1',
  stationId: 3,
  mode: 4,
  credentialKind: 'vin-button',
  cardNo: null,
  memberId: null,
  credentialDepartmentId: null,
  payer: null,
  attribution: null,
  stopBy: [],
  meterStartWh: 100,
  startedAt: '2026-05-01T08:00:00.000Z',
};

export function journalRepoContract(name: string, make: () => { journal: JournalRepo; outbox: OutboxRepo }): void {
  describe(`${name}: JournalRepo / OutboxRepo contract`, () => {
    it('numbers events, one outbox record each, patches the row', () => {
      const { journal, outbox } = make();
      journal.open(ROW, { mode: 4 });
      journal.append(ROW.sessionId, 'vin', '2026-05-01T08:00:01.000Z', { vin: 'V' }, { vin: 'LZYTBGBW9LA000101', vinStatus: 'valid', plate: 'P', payer: { kind: 'department', departmentId: '11' } });
      journal.append(ROW.sessionId, 'meter', '2026-05-01T08:00:11.000Z', { energyWh: 150 }, { lastMeterWh: 150, lastMeterAt: '2026-05-01T08:00:11.000Z' });
      expect(journal.entries(ROW.sessionId).map((e) => [e.seq, e.kind])).toEqual([
        [1, 'started'],
        [2, 'vin'],
        [3, 'meter'],
      ]);
      expect(outbox.pending().map((o) => o.key)).toEqual([1, 2, 3].map((n) => `${ROW.sessionId}:${n}`));
      expect(journal.session(ROW.sessionId)).toMatchObject({ vin: 'LZYTBGBW9LA000101', plate: 'P', payer: { kind: 'department' }, lastMeterWh: 150, state: 'open' });
    });

    it('recovery closes from the last reading once; closed sessions take no more events', () => {
      const { journal, outbox } = make();
      journal.open(ROW, {});
      journal.append(ROW.sessionId, 'meter', '2026-05-01T08:00:11.000Z', { energyWh: 150 }, { lastMeterWh: 150, lastMeterAt: '2026-05-01T08:00:11.000Z' });
      const recorder = { record: sessionRecordOf };
      expect(recoverInterruptedSessions({ journal, recorder, logger: nullLogger }).closed).toHaveLength(1);
      expect(recoverInterruptedSessions({ journal, recorder, logger: nullLogger }).closed).toHaveLength(0);
      expect(journal.session(ROW.sessionId)).toMatchObject({ state: 'closed', stopReason: 'power-loss', meterStopWh: 150, stoppedAt: '2026-05-01T08:00:11.000Z' });
      expect(journal.append(ROW.sessionId, 'meter', 'x', {})).toBeNull();
      expect(outbox.count()).toBe(3);
      expect(journal.openSessions()).toEqual([]);
    });

    it('ack removes records up to the key, in order', () => {
      const { journal, outbox } = make();
      journal.open(ROW, {});
      journal.append(ROW.sessionId, 'charging', 'x', {});
      expect(outbox.ack(`${ROW.sessionId}:1`)).toBe(1);
      expect(outbox.ack('unknown:9')).toBe(0);
      expect(outbox.remove(['unknown:9'])).toBe(0);
      expect(outbox.pending().map((o) => o.payload.seq)).toEqual([2]);
    });

    it('remove deletes the acknowledged keys in any order, leaving the rest', () => {
      const { journal, outbox } = make();
      journal.open(ROW, {});
      journal.append(ROW.sessionId, 'charging', 'x', {});
      journal.append(ROW.sessionId, 'meter', 'y', { energyWh: 1 });
      expect(outbox.remove([`${ROW.sessionId}:3`, `${ROW.sessionId}:1`, `${ROW.sessionId}:1`])).toBe(2);
      expect(outbox.pending().map((o) => o.payload.seq)).toEqual([2]);
    });

    it("pendingOf gives one session's records in seq order and no other session's", () => {
      const { journal, outbox } = make();
      const other = { ...ROW, sessionId: '3f1c2a4e-8b7d-4c6a-9e2f-0a1b2c3d4e5a', connectorId: 1 };
      journal.open(ROW, {});
      journal.open(other, {});
      journal.append(ROW.sessionId, 'charging', 'x', {});
      journal.append(other.sessionId, 'charging', 'x', {});
      journal.append(ROW.sessionId, 'meter', 'y', { energyWh: 1 });
      expect(outbox.pendingOf(ROW.sessionId).map((o) => o.key)).toEqual([1, 2, 3].map((n) => `${ROW.sessionId}:${n}`));
      expect(outbox.pendingOf(ROW.sessionId, 2)).toHaveLength(2);
      expect(outbox.pendingOf(other.sessionId).map((o) => o.payload.seq)).toEqual([1, 2]);
      expect(outbox.pendingOf('3f1c2a4e')).toEqual([]);
    });
  });
}

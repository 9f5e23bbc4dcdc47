// Builds the finished-session record of the wire contract (protocols/sync/session-record.ts,
// docs/charging-modes.md rule 6) from a closed journal row, and checks it against the contract schema. Pure.
// Ids are text on the pile and on the wire (wire-rules.ts): copied as they are.
import { sessionRecordSchema, SESSION_RECORD_VERSION } from '../../protocols/sync/session-record.js';
import type { JournalSessionRow } from './journal.repo.js';

function credentialOf(row: JournalSessionRow): Record<string, unknown> {
  switch (row.credentialKind) {
    case 'card':
      return { kind: 'card', cardNo: row.cardNo };
    case 'remote':
      return { kind: 'remote' };
    case 'fixed-password':
      return { kind: 'password' };
    case 'vin-button':
      return { kind: 'vin-button' };
  }
}

function payerOf(row: JournalSessionRow): Record<string, unknown> | null {
  if (!row.payer) return null;
  return row.payer.kind === 'member' ? { kind: 'member', memberId: row.payer.memberId } : { kind: 'department', departmentId: row.payer.departmentId };
}

function attributedOf(row: JournalSessionRow): string | null {
  const a = row.attribution;
  if (!a) return null;
  if (a.kind === 'department') return a.departmentId;
  return a.hintDepartmentId;
}

/** The contract record of a closed row (a row still open gets its last meter reading as the stop). */
export function sessionRecordOf(row: JournalSessionRow): Record<string, unknown> {
  const vinStatus = row.vinStatus ?? 'absent';
  return {
    version: SESSION_RECORD_VERSION,
    sessionId: row.sessionId,
    pileId: row.pileId,
    connectorId: row.connectorId,
    stationId: row.stationId,
    mode: row.mode,
    credential: credentialOf(row),
    vin: vinStatus === 'absent' || vinStatus === 'malformed' ? null : row.vin,
    vinStatus,
    plate: row.plate,
    payer: payerOf(row),
    attributedDepartmentId: attributedOf(row),
    meterStartWh: row.meterStartWh,
    meterStopWh: row.meterStopWh ?? row.lastMeterWh,
    startedAt: row.startedAt,
    stoppedAt: row.stoppedAt ?? row.lastMeterAt,
    stopReason: row.stopReason ?? 'other',
  };
}

/** Contract issues of a record as `path: message` lines; empty when it validates. */
export function sessionRecordIssues(record: unknown): string[] {
  const r = sessionRecordSchema.safeParse(record);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
}

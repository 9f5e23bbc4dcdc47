// Builds the finished-session record of the wire contract (protocols/sync/session-record.ts,
// MODES.md rule 6) from a closed journal row, and checks it against the contract schema. Pure.
// The cache keeps ids as text; the contract's ids are integers: numeric text converts, anything
// else is kept as text and reported as a contract issue (logged, the record is still sent).
import { sessionRecordSchema, SESSION_RECORD_VERSION } from '../../protocols/sync/session-record.js';
import type { SessionRow } from './journal.repo.js';

const id = (v: string): number | string => (/^[1-9]\d{0,15}$/.test(v) ? Number(v) : v);

function credentialOf(row: SessionRow): Record<string, unknown> {
  switch (row.credentialKind) {
    case 'card': return { kind: 'card', cardNo: row.cardNo };
    case 'remote': return { kind: 'remote' };
    case 'fixed-password': return { kind: 'password' };
    case 'vin-button': return { kind: 'vin-button' };
  }
}

function payerOf(row: SessionRow): Record<string, unknown> | null {
  if (!row.payer) return null;
  return row.payer.kind === 'member' ? { kind: 'member', memberId: id(row.payer.memberId) } : { kind: 'department', departmentId: id(row.payer.departmentId) };
}

function attributedOf(row: SessionRow): number | string | null {
  const a = row.attribution;
  if (!a) return null;
  if (a.kind === 'department') return id(a.departmentId);
  return a.hintDepartmentId === null ? null : id(a.hintDepartmentId);
}

/** The contract record of a closed row (a row still open gets its last meter reading as the stop). */
export function sessionRecordOf(row: SessionRow): Record<string, unknown> {
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

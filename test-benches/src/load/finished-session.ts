// The session events of one finished mode 2 session, as a pile sends them (contract "session/events":
// `session.started` and `session.stopped` with its record): 10 kWh over an hour, paid by a department
// with one of its cards — what the load and ingest benchmarks send many of.
import { randomUUID } from 'node:crypto';

export interface FinishedSession {
  readonly pileId: string;
  readonly stationId: number;
  readonly connectorId: number;
  readonly departmentId: number;
  readonly cardNo: string;
  /** When it started, ms since the epoch (it stops an hour later). */
  readonly startMs: number;
}

export function finishedSessionEvents(s: FinishedSession): unknown[] {
  const sessionId = randomUUID();
  const dept = String(s.departmentId);
  const at = new Date(s.startMs).toISOString();
  const stop = new Date(s.startMs + 3_600_000).toISOString(); // 10 kWh in an hour: within any pile's power
  const common = { mode: 2, credential: { kind: 'card', cardNo: s.cardNo }, payer: { kind: 'department', departmentId: dept } };
  const ev = (seq: number, kind: string, data: unknown) => ({ key: `${sessionId}:${seq}`, kind, pileId: s.pileId, connectorId: s.connectorId, sessionId, seq, at, data });
  return [
    ev(1, 'session.started', { ...common, attribution: { kind: 'department', departmentId: dept }, meterStartWh: 1_000 }),
    ev(2, 'session.stopped', {
      version: 1,
      sessionId,
      pileId: s.pileId,
      connectorId: s.connectorId,
      stationId: s.stationId,
      ...common,
      vin: null,
      vinStatus: 'absent',
      plate: null,
      attributedDepartmentId: dept,
      meterStartWh: 1_000,
      meterStopWh: 11_000,
      startedAt: at,
      stoppedAt: stop,
      stopReason: 'bms-full',
    }),
  ];
}

// The session store's write path: one prepared insert that is idempotent by session id and keeps
// the per-day rollup (session_days) in step. Used by the ingest function and (for bulk generation
// inside one transaction) by the report benchmark, so both fill rows the same way. Call it inside a
// transaction. Reads live with the services that query them.
import { prep } from './statements.js';
import type { Db } from './db.js';

export interface SessionInsertRow {
  sessionId: string;
  pileId: string;
  connectorId: number;
  stationId: number;
  mode: number;
  credentialKind: string;
  cardNo: string | null;
  vin: string | null;
  vinStatus: string;
  plate: string | null;
  payerKind: 'member' | 'department';
  payerId: number;
  departmentId: number | null;
  reportedDepartmentId: number | null;
  vehicleKey: string;
  meterStartWh: number;
  meterStopWh: number;
  energyWh: number;
  amountFen: number;
  billed: boolean;
  startedAt: string;
  startedMs: number;
  stoppedAt: string;
  day: string;
  stopReason: string;
  ingestedAt: string;
}

/** Returns an insert function: true when the row was new, false when the session id already existed. */
export function prepareSessionInsert(db: Db): (r: SessionInsertRow) => boolean {
  const stmt = prep(
    db,
    `INSERT INTO sessions (session_id, pile_id, connector_id, station_id, mode, credential_kind, card_no, vin, vin_status, plate,
       payer_kind, payer_id, department_id, reported_department_id, vehicle_key, meter_start_wh, meter_stop_wh, energy_wh,
       amount_fen, billed, started_at, started_ms, stopped_at, day, stop_reason, ingested_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(session_id) DO NOTHING`,
  );
  const rollup = prep(
    db,
    `INSERT INTO session_days (department_id, day, vehicle_key, vin, plate, card_no, sessions, energy_wh, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
     ON CONFLICT(department_id, day, vehicle_key) DO UPDATE SET
       sessions = sessions + 1, energy_wh = energy_wh + excluded.energy_wh, amount_fen = amount_fen + excluded.amount_fen,
       plate = COALESCE(excluded.plate, plate)`,
  );
  return (r) => {
    const inserted =
      stmt.run(
        r.sessionId,
        r.pileId,
        r.connectorId,
        r.stationId,
        r.mode,
        r.credentialKind,
        r.cardNo,
        r.vin,
        r.vinStatus,
        r.plate,
        r.payerKind,
        r.payerId,
        r.departmentId,
        r.reportedDepartmentId,
        r.vehicleKey,
        r.meterStartWh,
        r.meterStopWh,
        r.energyWh,
        r.amountFen,
        r.billed ? 1 : 0,
        r.startedAt,
        r.startedMs,
        r.stoppedAt,
        r.day,
        r.stopReason,
        r.ingestedAt,
      ).changes === 1;
    if (inserted) {
      const k = r.vehicleKey;
      const vin = k.startsWith('plate:') || k.startsWith('card:') || k === 'unknown' ? null : k;
      const cardNo = k.startsWith('card:') ? k.slice(5) : null;
      rollup.run(r.departmentId ?? 0, r.day, k, vin, r.plate, cardNo, r.energyWh, r.amountFen);
    }
    return inserted;
  };
}

/** `YYYY-MM-DD` of an instant in local time at `utcOffsetMinutes` (the business day of a session). */
export function localDay(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

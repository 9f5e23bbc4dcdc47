// Refused attempts and unknown VINs from a pile's events (contract "session.refused", "session.vin"):
// a refusal row per attempt (or per session refused at its VIN), naming a department only when that
// department is bound to the pile's station (anything else a pile claims is dropped and logged, so no
// fleet sees refusals a pile made up), a VIN only when it passes the check digit; and the count of
// valid VINs the registry does not know, per station and pile.
import { prep } from '../persistence/sqlite/statements.js';
import { cloudId } from '../shared/wire-ids.js';
import { validVin } from './event-checks.js';
import { isoNow, type SyncContext } from './sync-context.js';

// biome-ignore lint/suspicious/noExplicitAny: an event's data, already checked against the contract's schema for its kind
type Data = Record<string, any>;

export class Refusals {
  constructor(private readonly ctx: SyncContext) {}

  record(pileId: string, station: number, id: string, connectorId: number, at: string, d: Data): void {
    const claimed = typeof d.departmentId === 'string' ? cloudId(d.departmentId) : null;
    const dept = claimed !== null && prep(this.ctx.db, 'SELECT 1 FROM department_stations WHERE department_id = ? AND station_id = ?').get(claimed, station) ? claimed : null;
    if (d.departmentId && dept === null) this.ctx.log('warn', { pileId, id, departmentId: String(d.departmentId).slice(0, 64) }, "refusal names a department not bound to the pile's station: dropped");
    const vin = validVin(d.vin) ? d.vin : null;
    if (d.vin && !vin) this.ctx.log('warn', { pileId, id }, 'refusal names a VIN that fails the check digit: dropped');
    prep(
      this.ctx.db,
      `INSERT OR IGNORE INTO refusals (id, pile_id, connector_id, station_id, at, credential_kind, card_no, vin, vin_status, reason, mode, department_id, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      pileId,
      connectorId,
      station,
      at,
      d.credential.kind,
      d.credential.cardNo ?? null,
      vin,
      vin ? 'valid' : d.vinStatus === 'absent' ? 'absent' : d.vin ? 'malformed' : (d.vinStatus ?? null),
      d.reason,
      d.mode ?? null,
      dept,
      isoNow(this.ctx.clock),
    );
    if (vin) this.unknownVin(vin, station, pileId, at, 'refused');
  }

  /** A session the pile ended at its VIN check (0 Wh): recorded as a refusal with the VIN stage's reason. */
  refusedAtVin(pileId: string, station: number, sessionId: string, d: Data): void {
    const reason = prep(this.ctx.db, "SELECT json_extract(data_json, '$.reason') FROM session_events WHERE pile_id = ? AND session_id = ? AND kind = 'session.vin'").pluck().get(pileId, sessionId) as
      | string
      | undefined;
    this.record(pileId, station, sessionId, d.connectorId, d.stoppedAt, {
      credential: { kind: d.credential.kind === 'password' ? 'fixed-password' : d.credential.kind, cardNo: d.credential.cardNo ?? null },
      vin: d.vin,
      vinStatus: d.vinStatus,
      reason: reason ?? 'vin-refused',
      mode: d.mode,
      departmentId: d.attributedDepartmentId,
    });
  }

  /** Counts a valid VIN read at a pile that the registry does not know. */
  unknownVin(vin: string, station: number, pileId: string, at: string, outcome: 'charged-unattributed' | 'refused'): void {
    if (!validVin(vin) || prep(this.ctx.db, 'SELECT 1 FROM vehicles WHERE vin = ?').get(vin)) return;
    prep(
      this.ctx.db,
      `INSERT INTO unknown_vins (vin, station_id, pile_id, first_at, last_at, count, last_outcome) VALUES (?, ?, ?, ?, ?, 1, ?)
      ON CONFLICT (vin, station_id, pile_id) DO UPDATE SET count = count + 1, last_at = max(last_at, excluded.last_at), first_at = min(first_at, excluded.first_at), last_outcome = excluded.last_outcome`,
    ).run(vin, station, pileId, at, at, outcome);
  }
}

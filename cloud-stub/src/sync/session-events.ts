// Session events up (contract "session/events"): each event is stored once by (pile, session, seq) —
// a repeat is `duplicate` — and applied per session strictly in seq order (a later seq waits in
// session_events until the gap fills): the start and the VIN open and update live_sessions, the stop
// bills once through the existing ingest, refusals become rows of `refusals`, and VINs the registry
// does not know are counted in `unknown_vins`. One transaction per message.
import type { SessionEvent, UpMessage } from '../../../pile-agent/contract.js';
import { ingestSession } from '../ingest/session-ingest.js';
import { cloudId } from '../shared/wire-ids.js';
import { isoNow, pileStation, type SyncContext } from './sync-context.js';

export type EventResult = { key: string; status: 'applied' | 'duplicate' | 'rejected'; reason?: string };

type Data = Record<string, any>;

export class SessionEvents {
  /** Called with each session whose start or VIN was applied (for the cloud's re-check). */
  constructor(private readonly ctx: SyncContext, private readonly onLive: (sessionId: string) => void) {}

  apply(pileId: string, m: UpMessage<'session/events'>): EventResult[] {
    const { db } = this.ctx;
    const station = pileStation(db, pileId);
    const touched = new Set<string>();
    const results = db.transaction((): EventResult[] => m.events.map((e) => this.one(pileId, station, e, touched)))();
    for (const id of touched) this.onLive(id);
    return results;
  }

  private one(pileId: string, station: number | undefined, e: SessionEvent, touched: Set<string>): EventResult {
    const { db } = this.ctx;
    if (e.pileId !== pileId) return { key: e.key, status: 'rejected', reason: `event names pile ${e.pileId}, sent by ${pileId}` };
    if (station === undefined) return { key: e.key, status: 'rejected', reason: 'pile not registered' };
    const ins = db.prepare('INSERT OR IGNORE INTO session_events (pile_id, session_id, seq, kind, at, data_json, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(pileId, e.sessionId, e.seq, e.kind, e.at, JSON.stringify(e.data), isoNow(this.ctx.clock));
    if (ins.changes === 0) return { key: e.key, status: 'duplicate' };
    if (e.kind === 'session.refused') {
      this.refusal(pileId, station, e.sessionId, e.connectorId, e.at, e.data as Data);
      return { key: e.key, status: 'applied' };
    }
    const problem = this.advance(pileId, station, e.sessionId, e.connectorId, touched);
    return problem ? { key: e.key, status: 'rejected', reason: problem } : { key: e.key, status: 'applied' };
  }

  /** Applies the session's stored events from applied_seq + 1 on while they are contiguous. */
  private advance(pileId: string, station: number, sessionId: string, connectorId: number, touched: Set<string>): string | null {
    const { db } = this.ctx;
    const next = db.prepare('SELECT seq, kind, at, data_json FROM session_events WHERE pile_id = ? AND session_id = ? AND seq = ?');
    let applied = (db.prepare('SELECT applied_seq FROM live_sessions WHERE session_id = ?').pluck().get(sessionId) as number | undefined) ?? 0;
    let problem: string | null = null;
    for (;;) {
      const ev = next.get(pileId, sessionId, applied + 1) as { seq: number; kind: string; at: string; data_json: string } | undefined;
      if (!ev) return problem;
      const data = JSON.parse(ev.data_json) as Data;
      if (ev.seq === 1) this.open(pileId, station, sessionId, connectorId, ev.at, data);
      else problem = this.update(pileId, station, sessionId, ev.kind, ev.at, data) ?? problem;
      applied = ev.seq;
      db.prepare('UPDATE live_sessions SET applied_seq = ?, last_event_at = ? WHERE session_id = ?').run(applied, ev.at, sessionId);
      if (ev.kind === 'session.started' || ev.kind === 'session.vin') touched.add(sessionId);
    }
  }

  private open(pileId: string, station: number, sessionId: string, connectorId: number, at: string, d: Data): void {
    const dept = d.payer?.departmentId ?? d.attribution?.departmentId ?? null;
    this.ctx.db.prepare(`INSERT OR IGNORE INTO live_sessions (session_id, pile_id, connector_id, station_id, mode, credential_kind, card_no, department_id, applied_seq, meter_start_wh, last_meter_wh, started_at, last_event_at, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'open')`).run(sessionId, pileId, connectorId, station, d.mode ?? null, d.credential?.kind ?? null, d.credential?.cardNo ?? null,
      typeof dept === 'string' ? cloudId(dept) : null, d.meterStartWh ?? null, d.meterStartWh ?? null, at, at);
  }

  private update(pileId: string, station: number, sessionId: string, kind: string, at: string, d: Data): string | null {
    const { db } = this.ctx;
    switch (kind) {
      case 'session.vin': {
        const dept = d.payer?.departmentId ?? d.attribution?.departmentId;
        db.prepare('UPDATE live_sessions SET vin = ?, plate = ?, mode = COALESCE(?, mode), department_id = COALESCE(?, department_id) WHERE session_id = ?')
          .run(d.vin ?? null, d.plate ?? null, d.mode ?? null, typeof dept === 'string' ? cloudId(dept) : null, sessionId);
        if (d.vin) this.unknownVin(d.vin, station, pileId, at, d.verdict === 'allow' ? 'charged-unattributed' : 'refused');
        return null;
      }
      case 'session.meter':
        db.prepare('UPDATE live_sessions SET last_meter_wh = ? WHERE session_id = ?').run(d.energyWh, sessionId);
        return null;
      case 'session.stopped': {
        db.prepare("UPDATE live_sessions SET state = 'closed', last_meter_wh = ? WHERE session_id = ?").run(d.meterStopWh, sessionId);
        const out = ingestSession({ db, clock: this.ctx.clock, utcOffsetMinutes: this.ctx.utcOffsetMinutes, log: this.ctx.log as never }, d, pileId);
        if (out.status === 'refused-at-vin') {
          const vinEvent = db.prepare("SELECT json_extract(data_json, '$.reason') FROM session_events WHERE pile_id = ? AND session_id = ? AND kind = 'session.vin'").pluck().get(pileId, sessionId) as string | undefined;
          this.refusal(pileId, station, sessionId, d.connectorId, d.stoppedAt, {
            credential: { kind: d.credential.kind === 'password' ? 'fixed-password' : d.credential.kind, cardNo: d.credential.cardNo ?? null },
            vin: d.vin, vinStatus: d.vinStatus, reason: vinEvent ?? 'vin-refused', mode: d.mode, departmentId: d.attributedDepartmentId,
          });
        }
        return out.status === 'rejected' ? `${out.reason}: ${out.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : null;
      }
      default:
        return null;
    }
  }

  private refusal(pileId: string, station: number, id: string, connectorId: number, at: string, d: Data): void {
    this.ctx.db.prepare(`INSERT OR IGNORE INTO refusals (id, pile_id, connector_id, station_id, at, credential_kind, card_no, vin, vin_status, reason, mode, department_id, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, pileId, connectorId, station, at, d.credential.kind, d.credential.cardNo ?? null, d.vin ?? null, d.vinStatus ?? null,
      d.reason, d.mode ?? null, typeof d.departmentId === 'string' ? cloudId(d.departmentId) : null, isoNow(this.ctx.clock));
    if (d.vin) this.unknownVin(d.vin, station, pileId, at, 'refused');
  }

  /** Counts a VIN read at a pile that the registry does not know. */
  private unknownVin(vin: string, station: number, pileId: string, at: string, outcome: 'charged-unattributed' | 'refused'): void {
    if (this.ctx.db.prepare('SELECT 1 FROM vehicles WHERE vin = ?').get(vin)) return;
    this.ctx.db.prepare(`INSERT INTO unknown_vins (vin, station_id, pile_id, first_at, last_at, count, last_outcome) VALUES (?, ?, ?, ?, ?, 1, ?)
      ON CONFLICT (vin, station_id, pile_id) DO UPDATE SET count = count + 1, last_at = max(last_at, excluded.last_at), first_at = min(first_at, excluded.first_at), last_outcome = excluded.last_outcome`)
      .run(vin, station, pileId, at, at, outcome);
  }
}

// Session events up (contract "session/events"): each event is stored once by (pile, session, seq) and
// applied per session strictly in seq order. An event is answered `applied` only once applied;
// one held behind a gap is `deferred` (the pile keeps it and sends it again), at most MAX_HELD per pile
// are held, and a resend with other content than the stored event is `rejected` as a conflict and
// logged. The start and the VIN open and update live_sessions (keyed by pile and session: a pile can
// never touch another pile's session), meter readings are bounded (event-checks.ts), the stop bills once
// through the ingest (which disputes what the registry does not support), refusals become rows of
// `refusals` (refusals.ts). One transaction per message.
import { prep } from '../persistence/sqlite/statements.js';
import type { SessionEvent, SessionRecord, UpMessage } from '../../../pile-agent/contract.js';
import { ingestRecord } from '../ingest/session-ingest.js';
import { cloudId } from '../shared/wire-ids.js';
import { meterProblem, recordConflict, validVin, type LiveFacts } from './event-checks.js';
import { Refusals } from './refusals.js';
import { isoNow, type SyncContext } from './sync-context.js';

export type EventResult = { key: string; status: 'applied' | 'duplicate' | 'rejected' | 'deferred'; reason?: string };

/** Events one pile may have waiting behind gaps; more are answered `deferred` and not stored. */
export const MAX_HELD = 1_000;

// biome-ignore lint/suspicious/noExplicitAny: an event's data, already checked against the contract's schema for its kind
type Data = Record<string, any>;
interface Pile {
  readonly id: string;
  readonly station: number;
  readonly connectors: number;
  readonly maxPowerW: number;
}
/** An event ready to apply: its data parsed. */
interface Applicable {
  readonly seq: number;
  readonly kind: string;
  readonly at: string;
  readonly data: Data;
}
interface Live extends LiveFacts {
  readonly appliedSeq: number;
  readonly state: string;
  readonly connectorId: number;
}

export class SessionEvents {
  private readonly refusals: Refusals;

  /** `onLive(pileId, sessionId)`: a start or VIN was applied (for the cloud's re-check). */
  constructor(
    private readonly ctx: SyncContext,
    private readonly onLive: (pileId: string, sessionId: string) => void,
  ) {
    this.refusals = new Refusals(ctx);
  }

  apply(pileId: string, m: UpMessage<'session/events'>): EventResult[] {
    const { db } = this.ctx;
    const row = prep(db, 'SELECT station_id AS station, connectors, max_power_w AS maxPowerW FROM piles WHERE pile_id = ?').get(pileId) as
      | { station: number; connectors: number; maxPowerW: number }
      | undefined;
    if (!row) return m.events.map((e) => ({ key: e.key, status: 'rejected', reason: 'pile not registered' }));
    const pile: Pile = { id: pileId, ...row };
    const touched = new Set<string>();
    const results = db.transaction((): EventResult[] => {
      const outcomes = new Map<string, EventResult>();
      const out = m.events.map((e) => this.one(pile, e, touched, outcomes));
      // Events applied later in this message (a gap filled by a later event) take their final outcome.
      return out.map((r) => (r.status === 'deferred' ? (outcomes.get(r.key) ?? r) : r));
    })();
    for (const id of touched) this.onLive(pileId, id);
    return results;
  }

  private one(pile: Pile, e: SessionEvent, touched: Set<string>, outcomes: Map<string, EventResult>): EventResult {
    const { db } = this.ctx;
    const reject = (reason: string): EventResult => {
      this.ctx.log('warn', { pileId: pile.id, sessionId: e.sessionId, key: e.key, reason }, 'session event rejected');
      return { key: e.key, status: 'rejected', reason: reason.slice(0, 256) };
    };
    if (e.pileId !== pile.id) return reject(`event names pile ${e.pileId}, sent by ${pile.id}`);
    if (e.connectorId > pile.connectors) return reject(`connector ${e.connectorId}: pile ${pile.id} has ${pile.connectors}`);
    const dataJson = JSON.stringify(e.data);
    // `pending`: stored behind a gap, applied later (advance clears it).
    const insert = prep(db, 'INSERT OR IGNORE INTO session_events (pile_id, session_id, seq, kind, at, data_json, received_at, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    if (e.kind === 'session.refused') {
      if (insert.run(pile.id, e.sessionId, e.seq, e.kind, e.at, dataJson, isoNow(this.ctx.clock), 0).changes === 0) return this.again(pile, e, dataJson, 0);
      this.refusals.record(pile.id, pile.station, e.sessionId, e.connectorId, e.at, e.data as Data);
      return { key: e.key, status: 'applied' };
    }
    const live = this.live(pile.id, e.sessionId);
    const applied = live?.appliedSeq ?? 0;
    if (e.seq <= applied) return this.again(pile, e, dataJson, applied);
    if (live && live.connectorId !== e.connectorId) return reject(`session ${e.sessionId} runs on connector ${live.connectorId}, not ${e.connectorId}`);
    if (live && live.state === 'closed') return reject(`session ${e.sessionId} is closed`);
    if (e.seq > applied + 1 && this.heldCount(pile.id) >= MAX_HELD) {
      if (this.stored(pile.id, e)) return this.again(pile, e, dataJson, applied);
      return { key: e.key, status: 'deferred', reason: `${MAX_HELD} events already wait behind gaps: send again later` };
    }
    const pending = e.seq > applied + 1 ? 1 : 0;
    if (insert.run(pile.id, e.sessionId, e.seq, e.kind, e.at, dataJson, isoNow(this.ctx.clock), pending).changes === 0) return this.again(pile, e, dataJson, applied);
    if (e.seq === applied + 1) this.advance(pile, e.sessionId, e.connectorId, touched, outcomes, applied, { ...e, data: e.data as Data }, live);
    return outcomes.get(e.key) ?? { key: e.key, status: 'deferred', reason: `waiting for seq ${applied + 1}` };
  }

  private stored(pileId: string, e: SessionEvent): { kind: string; json: string } | undefined {
    return prep(this.ctx.db, 'SELECT kind, data_json AS json FROM session_events WHERE pile_id = ? AND session_id = ? AND seq = ?').get(pileId, e.sessionId, e.seq) as
      | { kind: string; json: string }
      | undefined;
  }

  /** An event received before: the same content is `duplicate` (or still `deferred`); other content a conflict. */
  private again(pile: Pile, e: SessionEvent, dataJson: string, applied: number): EventResult {
    const stored = this.stored(pile.id, e);
    if (stored && (stored.kind !== e.kind || stored.json !== dataJson)) {
      const reason = `conflict: ${e.key} was received before with other content; the first is kept`;
      this.ctx.log('warn', { pileId: pile.id, sessionId: e.sessionId, key: e.key, reason }, 'session event rejected');
      return { key: e.key, status: 'rejected', reason };
    }
    if (!stored) return { key: e.key, status: 'rejected', reason: `seq ${e.seq} of ${e.sessionId} is past: the session is at ${applied}` };
    if (e.kind === 'session.refused' || applied >= e.seq) return { key: e.key, status: 'duplicate' };
    return { key: e.key, status: 'deferred', reason: `waiting for seq ${applied + 1}` };
  }

  private live(pileId: string, sessionId: string): Live | undefined {
    return prep(
      this.ctx.db,
      `SELECT applied_seq AS appliedSeq, state, connector_id AS connectorId, meter_start_wh AS meterStartWh, last_meter_wh AS lastMeterWh,
      started_at AS startedAt, mode, credential_kind AS credentialKind, card_no AS cardNo FROM live_sessions WHERE pile_id = ? AND session_id = ?`,
    ).get(pileId, sessionId) as Live | undefined;
  }

  private heldCount(pileId: string): number {
    return prep(this.ctx.db, 'SELECT count(*) FROM session_events WHERE pile_id = ? AND pending = 1').pluck().get(pileId) as number;
  }

  /**
   * Applies the session's events from applied_seq + 1 on while they are contiguous: `first` (just
   * stored, with the live row read for it) from memory, the ones held behind it from the table.
   */
  private advance(pile: Pile, sessionId: string, connectorId: number, touched: Set<string>, outcomes: Map<string, EventResult>, from: number, first: Applicable, firstLive: Live | undefined): void {
    const { db } = this.ctx;
    const next = prep(db, 'SELECT seq, kind, at, data_json FROM session_events WHERE pile_id = ? AND session_id = ? AND seq = ?');
    let applied = from;
    for (let ev: Applicable | undefined = first, live = firstLive; ev; live = undefined) {
      const problem = ev.seq === 1 ? this.open(pile, sessionId, connectorId, ev.at, ev.data) : this.update(pile, sessionId, ev.kind, ev.at, ev.data, live ?? this.live(pile.id, sessionId)!);
      applied = ev.seq;
      if (ev.seq > 1) prep(db, 'UPDATE live_sessions SET applied_seq = ?, last_event_at = ? WHERE pile_id = ? AND session_id = ?').run(applied, ev.at, pile.id, sessionId);
      const key = `${sessionId}:${ev.seq}`;
      outcomes.set(key, problem ? { key, status: 'rejected', reason: problem.slice(0, 256) } : { key, status: 'applied' });
      if (problem) this.ctx.log('warn', { pileId: pile.id, sessionId, key, reason: problem }, 'session event not applied');
      if (ev.kind === 'session.started' || ev.kind === 'session.vin') touched.add(sessionId);
      const held = next.get(pile.id, sessionId, applied + 1) as { seq: number; kind: string; at: string; data_json: string } | undefined;
      if (held) prep(db, 'UPDATE session_events SET pending = 0 WHERE pile_id = ? AND session_id = ? AND seq = ?').run(pile.id, sessionId, held.seq);
      ev = held && { seq: held.seq, kind: held.kind, at: held.at, data: JSON.parse(held.data_json) as Data };
    }
  }

  private open(pile: Pile, sessionId: string, connectorId: number, at: string, d: Data): string | null {
    const dept = d.payer?.departmentId ?? d.attribution?.departmentId ?? null;
    prep(
      this.ctx.db,
      `INSERT OR IGNORE INTO live_sessions (pile_id, session_id, connector_id, station_id, mode, credential_kind, card_no, department_id, applied_seq, meter_start_wh, last_meter_wh, started_at, last_event_at, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 'open')`,
    ).run(
      pile.id,
      sessionId,
      connectorId,
      pile.station,
      d.mode ?? null,
      d.credential?.kind ?? null,
      d.credential?.cardNo ?? null,
      typeof dept === 'string' ? cloudId(dept) : null,
      d.meterStartWh ?? null,
      d.meterStartWh ?? null,
      at,
      at,
    );
    return null;
  }

  private update(pile: Pile, sessionId: string, kind: string, at: string, d: Data, live: Live): string | null {
    const { db } = this.ctx;
    switch (kind) {
      case 'session.vin': {
        const vin = validVin(d.vin) ? d.vin : null;
        prep(db, 'UPDATE live_sessions SET vin = ?, plate = ? WHERE pile_id = ? AND session_id = ?').run(vin, d.plate ?? null, pile.id, sessionId);
        if (vin) this.refusals.unknownVin(vin, pile.station, pile.id, at, d.verdict === 'allow' ? 'charged-unattributed' : 'refused');
        return d.vin && !vin ? `VIN ${String(d.vin).slice(0, 17)} fails the check digit: not kept` : null;
      }
      case 'session.meter': {
        const problem = meterProblem(live, d.energyWh, at, pile.maxPowerW);
        if (!problem) prep(db, 'UPDATE live_sessions SET last_meter_wh = ? WHERE pile_id = ? AND session_id = ?').run(d.energyWh, pile.id, sessionId);
        return problem && `conflict: ${problem}`;
      }
      case 'session.stopped':
        return this.stopped(pile, sessionId, live, d);
      default:
        return null;
    }
  }

  private stopped(pile: Pile, sessionId: string, live: Live, d: Data): string | null {
    const { db } = this.ctx;
    prep(db, "UPDATE live_sessions SET state = 'closed', last_meter_wh = ? WHERE pile_id = ? AND session_id = ?").run(d.meterStopWh, pile.id, sessionId);
    const conflict = recordConflict(live, d as never);
    if (conflict) {
      this.ctx.log('warn', { pileId: pile.id, sessionId, reason: conflict }, 'finished-session record conflicts with its own events');
      return `conflict: ${conflict}`;
    }
    // The record was validated against the contract's schema when its message was decoded.
    const known = { station_id: pile.station, connectors: pile.connectors, max_power_w: pile.maxPowerW };
    const out = ingestRecord({ db, clock: this.ctx.clock, utcOffsetMinutes: this.ctx.utcOffsetMinutes, log: this.ctx.log as never }, d as SessionRecord, pile.id, known);
    if (out.status === 'refused-at-vin') this.refusals.refusedAtVin(pile.id, pile.station, sessionId, d);
    if (out.status === 'disputed') return `disputed: ${out.reason}: ${out.detail}`;
    if (out.status === 'rejected') return `${out.reason}: ${out.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
    return null;
  }
}

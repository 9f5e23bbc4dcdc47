// The session journal in SQLite (tables of migration 0002): implements the domain's JournalRepo.
// Each write — session row, numbered event, outbox record with key `sessionId:seq` — happens in one
// IMMEDIATE transaction, so after a kill -9 either all of it is on disk or none (synchronous=FULL,
// db.ts). Closing is idempotent (only an open row closes), which makes power-loss recovery safe to rerun.
import type { Database, Statement } from 'better-sqlite3';
import type { JournalEntry, JournalRepo, OutboxPayload, SessionClose, SessionOpenRow, SessionPatch, JournalSessionRow } from '../../domain/session/journal.repo.js';
import type { JournalKind } from '../../domain/session/session.types.js';
import type { Logger } from '../../shared/logger.js';

export interface SqliteJournalRepoDeps {
  /** A database migrated to at least schema 2 (persistence/sqlite/db.ts). */
  readonly db: Database;
  readonly logger: Logger;
}

const SESSION_COLS = `id AS sessionId, connector_id AS connectorId, pile_id AS pileId, station_id AS stationId, mode,
  credential_kind AS credentialKind, card_no AS cardNo, member_id AS memberId, credential_department_id AS credentialDepartmentId,
  payer, attribution, stop_by AS stopBy, vin, vin_status AS vinStatus, plate, meter_start_wh AS meterStartWh,
  last_meter_wh AS lastMeterWh, last_meter_at AS lastMeterAt, meter_stop_wh AS meterStopWh, started_at AS startedAt,
  stopped_at AS stoppedAt, stop_reason AS stopReason, stop_detail AS stopDetail, state, next_seq AS nextSeq`;

type Raw = Record<string, unknown>;
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
const parse = <T>(v: unknown): T => (v === null ? (null as T) : (JSON.parse(String(v)) as T));

function toRow(r: Raw): JournalSessionRow {
  const { nextSeq: _n, ...rest } = r;
  return { ...(rest as unknown as JournalSessionRow), payer: parse(r.payer), attribution: parse(r.attribution), stopBy: parse(r.stopBy) };
}

export class SqliteJournalRepo implements JournalRepo {
  private readonly db: Database;
  private readonly log: Logger;
  private readonly q: Record<string, Statement>;

  constructor(deps: SqliteJournalRepoDeps) {
    this.db = deps.db;
    this.log = deps.logger.child({ ns: 'agent:persistence:journal' });
    const p = (sql: string) => this.db.prepare(sql);
    this.q = {
      insertSession: p(`INSERT INTO session (id, connector_id, pile_id, station_id, mode, credential_kind, card_no, member_id,
        credential_department_id, payer, attribution, stop_by, meter_start_wh, last_meter_wh, last_meter_at, started_at, state, next_seq)
        VALUES (@sessionId, @connectorId, @pileId, @stationId, @mode, @credentialKind, @cardNo, @memberId, @credentialDepartmentId,
        @payer, @attribution, @stopBy, @meterStartWh, @meterStartWh, @startedAt, @startedAt, 'open', 1)`),
      session: p(`SELECT ${SESSION_COLS} FROM session WHERE id = ?`),
      openSessions: p(`SELECT ${SESSION_COLS} FROM session WHERE state = 'open' ORDER BY started_at, id`),
      recent: p(`SELECT ${SESSION_COLS} FROM session ORDER BY started_at DESC, id DESC LIMIT ?`),
      bumpSeq: p(`UPDATE session SET next_seq = next_seq + 1 WHERE id = ? AND state = 'open' RETURNING next_seq - 1 AS seq`).pluck(),
      patch: p(`UPDATE session SET
        vin = CASE WHEN @hasVin THEN @vin ELSE vin END,
        vin_status = coalesce(@vinStatus, vin_status),
        plate = CASE WHEN @hasPlate THEN @plate ELSE plate END,
        payer = CASE WHEN @hasPayer THEN @payer ELSE payer END,
        attribution = CASE WHEN @hasAttribution THEN @attribution ELSE attribution END,
        last_meter_wh = coalesce(@lastMeterWh, last_meter_wh),
        last_meter_at = coalesce(@lastMeterAt, last_meter_at)
        WHERE id = @id`),
      close: p(`UPDATE session SET state = 'closed', meter_stop_wh = @meterStopWh, stopped_at = @stoppedAt, stop_reason = @stopReason,
        stop_detail = @detail, last_meter_wh = max(last_meter_wh, @meterStopWh) WHERE id = @id AND state = 'open'`),
      insertEvent: p('INSERT INTO session_event (session_id, seq, kind, at, data) VALUES (?, ?, ?, ?, ?)'),
      insertOutbox: p('INSERT INTO outbox (key, kind, payload, created_at) VALUES (?, ?, ?, ?)'),
      entries: p('SELECT session_id AS sessionId, seq, kind, at, data FROM session_event WHERE session_id = ? ORDER BY seq'),
    };
  }

  open(row: SessionOpenRow, data: Readonly<Record<string, unknown>>): JournalEntry {
    return this.db
      .transaction(() => {
        this.q.insertSession.run({ ...row, payer: json(row.payer), attribution: json(row.attribution), stopBy: JSON.stringify(row.stopBy) });
        return this.event(row, 'started', row.startedAt, data)!;
      })
      .immediate();
  }

  append(sessionId: string, kind: Exclude<JournalKind, 'started' | 'stopped'>, at: string, data: Readonly<Record<string, unknown>>, patch: SessionPatch = {}): JournalEntry | null {
    return this.db
      .transaction(() => {
        const row = this.session(sessionId);
        if (row?.state !== 'open') {
          this.log.warn({ sessionId, kind }, 'journal append ignored: session unknown or closed');
          return null;
        }
        this.q.patch.run({
          id: sessionId,
          hasVin: 'vin' in patch ? 1 : 0,
          vin: patch.vin ?? null,
          vinStatus: patch.vinStatus ?? null,
          hasPlate: 'plate' in patch ? 1 : 0,
          plate: patch.plate ?? null,
          hasPayer: 'payer' in patch ? 1 : 0,
          payer: json(patch.payer),
          hasAttribution: 'attribution' in patch ? 1 : 0,
          attribution: json(patch.attribution),
          lastMeterWh: patch.lastMeterWh ?? null,
          lastMeterAt: patch.lastMeterAt ?? null,
        });
        return this.event(row, kind, at, data);
      })
      .immediate();
  }

  close(sessionId: string, close: SessionClose, record: (row: JournalSessionRow) => Readonly<Record<string, unknown>>): JournalEntry | null {
    return this.db
      .transaction(() => {
        const before = this.session(sessionId);
        if (before?.state !== 'open') return null;
        const at = close.stoppedAt;
        const entry = this.event(before, 'stopped', at, {}, (_seq) => {
          this.q.close.run({ id: sessionId, ...close });
          return record(this.session(sessionId)!);
        });
        return entry;
      })
      .immediate();
  }

  session(sessionId: string): JournalSessionRow | undefined {
    const r = this.q.session.get(sessionId) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  openSessions(): readonly JournalSessionRow[] {
    return (this.q.openSessions.all() as Raw[]).map(toRow);
  }

  recent(limit: number): readonly JournalSessionRow[] {
    return (this.q.recent.all(limit) as Raw[]).map(toRow);
  }

  entries(sessionId: string): readonly JournalEntry[] {
    return (this.q.entries.all(sessionId) as Raw[]).map((r) => ({ ...(r as unknown as JournalEntry), data: JSON.parse(String(r.data)) }));
  }

  /** Takes the next seq of an open session and writes the event and its outbox record (inside a transaction). */
  private event(
    row: Pick<SessionOpenRow, 'sessionId' | 'pileId' | 'connectorId'>,
    kind: JournalKind,
    at: string,
    data: Readonly<Record<string, unknown>>,
    late?: (seq: number) => Readonly<Record<string, unknown>>,
  ): JournalEntry | null {
    const seq = this.q.bumpSeq.get(row.sessionId) as number | undefined;
    if (seq === undefined) return null;
    const finalData = late ? late(seq) : data;
    const key = `${row.sessionId}:${seq}`;
    const payload: OutboxPayload = { key, kind: `session.${kind}`, pileId: row.pileId, connectorId: row.connectorId, sessionId: row.sessionId, seq, at, data: finalData };
    this.q.insertEvent.run(row.sessionId, seq, kind, at, JSON.stringify(finalData));
    this.q.insertOutbox.run(key, payload.kind, JSON.stringify(payload), at);
    return { sessionId: row.sessionId, seq, kind, at, data: finalData };
  }
}

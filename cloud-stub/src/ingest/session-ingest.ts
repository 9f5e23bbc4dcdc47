// The one way a finished session enters the cloud (the MQTT sync calls it; tests call it): validate
// against the shared contract schema; check the pile, its station and connector; bound its times and
// energy (plausibility.ts); decide mode, payer and attribution from the cloud's own registry and compare
// the pile's claims with that decision (entitlement.ts); then price with the station's tariff, store
// the row and debit the payer exactly once — all in one transaction, idempotent by (pile, session id).
// A session that fails a check is recorded as disputed (disputes.ts): billed to nobody, shown to the
// operator with its reason. A debit that would leave the ledger's range (which the database enforces)
// is a dispute too.
import { prep } from '../persistence/sqlite/statements.js';
import { priceSession, sessionRecordSchema, type SessionRecord } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';
import { localDay, prepareSessionInsert, type SessionInsertRow } from '../persistence/sqlite/sessions.sqlite-repo.js';
import type { CloudClock } from '../shared/clock.js';
import { cloudId } from '../shared/wire-ids.js';
import { MAX_BALANCE_FEN, postEntry } from '../domain/ledger/ledger.service.js';
import { stationTariff } from '../domain/stations/stations.service.js';
import { pileRow } from '../domain/stations/piles.service.js';
import { isDisputed, recordDispute } from './disputes.js';
import { compareClaims, decideEntitlement, type DisputeReason } from './entitlement.js';
import { implausibleEnergy, implausibleTime } from './plausibility.js';
import { sqliteRegistry } from './registry.sqlite.js';

export interface IngestDeps {
  db: Db;
  clock: CloudClock;
  /** The business time zone for tariff periods and report days (480 = UTC+8). */
  utcOffsetMinutes: number;
  log?: (level: 'info' | 'warn', obj: object, msg: string) => void;
}

export type IngestOutcome =
  | { status: 'ingested'; sessionId: string; energyWh: number; amountFen: number; departmentId: number | null; billed: boolean }
  | { status: 'duplicate'; sessionId: string; conflicting: boolean }
  /** A session refused at the VIN (0 Wh, nothing to bill): not a session; the sync records it as a refusal. */
  | { status: 'refused-at-vin'; sessionId: string }
  /** Recorded, billed to nobody: the cloud's checks disagree with the pile. */
  | { status: 'disputed'; sessionId: string; reason: DisputeReason; detail: string }
  | { status: 'rejected'; reason: string; issues: { path: string; message: string }[] };

const reject = (reason: string, path: string, message: string): IngestOutcome => ({ status: 'rejected', reason, issues: [{ path, message }] });

/** What the ingest needs of the pile a record comes from. */
export interface OriginPile {
  readonly station_id: number;
  readonly connectors: number;
  readonly max_power_w: number;
}

/** The registered pile the record comes from, or why it is refused. */
function checkOrigin(db: Db, r: SessionRecord, fromPileId?: string, known?: OriginPile): { pile: OriginPile } | { bad: IngestOutcome } {
  if (fromPileId !== undefined && fromPileId !== r.pileId) return { bad: reject('pile-mismatch', 'pileId', `record names pile ${r.pileId} but came from ${fromPileId}`) };
  const pile = known ?? pileRow(db, r.pileId);
  if (!pile) return { bad: reject('unknown-pile', 'pileId', `pile ${r.pileId} is not registered`) };
  if (pile.station_id !== r.stationId) return { bad: reject('station-mismatch', 'stationId', `pile ${r.pileId} belongs to station ${pile.station_id}, not ${r.stationId}`) };
  if (r.connectorId > pile.connectors) return { bad: reject('unknown-connector', 'connectorId', `pile ${r.pileId} has ${pile.connectors} connector(s)`) };
  return { pile };
}

/** The largest single ledger entry (the database refuses more: migration 0007). */
const MAX_ENTRY_FEN = 100_000_000_000;

/**
 * Ingests one finished-session record. `fromPileId` is the authenticated pile the record arrived
 * from (MQTT); when given, the record must name that pile.
 */
export function ingestSession(deps: IngestDeps, payload: unknown, fromPileId?: string): IngestOutcome {
  const parsed = sessionRecordSchema.safeParse(payload);
  if (!parsed.success) return { status: 'rejected', reason: 'invalid-record', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  return ingestRecord(deps, parsed.data, fromPileId);
}

/**
 * Ingests a record already validated against the contract's schema (the sync decodes every event
 * with it): `fromPileId` the authenticated pile it came from, `known` that pile's row when the
 * caller has read it.
 */
export function ingestRecord(deps: IngestDeps, r: SessionRecord, fromPileId?: string, known?: OriginPile): IngestOutcome {
  const { db } = deps;
  if (r.stopReason === 'vin-refused') return { status: 'refused-at-vin', sessionId: r.sessionId };
  const origin = checkOrigin(db, r, fromPileId, known);
  if ('bad' in origin) {
    deps.log?.('warn', { pileId: r.pileId, sessionId: r.sessionId, ...origin.bad }, 'session rejected');
    return origin.bad;
  }
  const run = (): IngestOutcome => {
    const existing = prep(db, 'SELECT pile_id AS pile, energy_wh AS e, payer_kind AS pk, payer_id AS pid FROM sessions WHERE session_id = ?').get(r.sessionId) as
      | { pile: string; e: number; pk: string; pid: number }
      | undefined;
    if (existing && existing.pile !== r.pileId) return reject('session-of-another-pile', 'sessionId', `session ${r.sessionId} belongs to another pile`);
    if (existing) {
      const claimed = r.payer === null ? null : r.payer.kind === 'member' ? cloudId(r.payer.memberId) : cloudId(r.payer.departmentId);
      const conflicting = existing.e !== r.meterStopWh - r.meterStartWh || existing.pk !== r.payer?.kind || existing.pid !== claimed;
      return { status: 'duplicate', sessionId: r.sessionId, conflicting };
    }
    if (isDisputed(db, r.pileId, r.sessionId)) return { status: 'duplicate', sessionId: r.sessionId, conflicting: false };
    const now = new Date(deps.clock.now()).toISOString();
    const dispute = (reason: DisputeReason, detail: string): IngestOutcome => {
      recordDispute(db, { pileId: r.pileId, sessionId: r.sessionId, stationId: r.stationId, reason, detail, recordJson: JSON.stringify(r), receivedAt: now });
      return { status: 'disputed', sessionId: r.sessionId, reason, detail };
    };
    const startedMs = Date.parse(r.startedAt);
    const stoppedMs = Date.parse(r.stoppedAt);
    const energyWh = r.meterStopWh - r.meterStartWh;
    const badTime = implausibleTime(r, deps.clock.now());
    if (badTime) return dispute('time-implausible', badTime);
    const badEnergy = implausibleEnergy(energyWh, origin.pile.max_power_w, stoppedMs - startedMs);
    if (badEnergy) return dispute('energy-implausible', badEnergy);
    const decided = decideEntitlement(r, sqliteRegistry(db));
    const e = decided.ok ? compareClaims(r, decided) : decided;
    if (!e.ok) return dispute(e.reason, e.detail);
    const amountFen = priceSession(stationTariff(db, r.stationId)!, startedMs, stoppedMs, energyWh, deps.utcOffsetMinutes);
    const cardNo = r.credential.kind === 'card' ? r.credential.cardNo : null;
    const plate = r.plate ?? e.vehicle?.plate ?? null;
    const vin = r.vin ?? e.vehicle?.vin ?? null;
    const row: SessionInsertRow = {
      sessionId: r.sessionId,
      pileId: r.pileId,
      connectorId: r.connectorId,
      stationId: r.stationId,
      mode: r.mode,
      credentialKind: r.credential.kind,
      cardNo,
      vin: r.vin,
      vinStatus: r.vinStatus,
      plate,
      payerKind: e.payer.kind,
      payerId: e.payer.id,
      departmentId: e.departmentId,
      reportedDepartmentId: cloudId(r.attributedDepartmentId),
      vehicleKey: vin ?? (plate ? `plate:${plate}` : cardNo ? `card:${cardNo}` : 'unknown'),
      meterStartWh: r.meterStartWh,
      meterStopWh: r.meterStopWh,
      energyWh,
      amountFen,
      billed: true,
      startedAt: r.startedAt,
      startedMs,
      stoppedAt: r.stoppedAt,
      day: localDay(startedMs, deps.utcOffsetMinutes),
      stopReason: r.stopReason,
      ingestedAt: now,
    };
    // The ledger's range (enforced by the database's triggers) checked first, so the common path needs no savepoint.
    const balance = prep(db, `SELECT balance_fen FROM ${e.payer.kind === 'member' ? 'members' : 'departments'} WHERE id = ?`)
      .pluck()
      .get(e.payer.id) as number;
    if (balance - amountFen < -MAX_BALANCE_FEN || amountFen > MAX_ENTRY_FEN)
      return dispute('balance-out-of-range', `${amountFen} fen would take ${e.payer.kind} ${e.payer.id} (balance ${balance}) out of range`);
    prepareSessionInsert(db)(row);
    if (amountFen > 0) postEntry(db, { owner: e.payer, kind: 'session', amountFen: -amountFen, note: `session at pile ${r.pileId}`, sessionId: r.sessionId, accountId: null, at: now });
    return { status: 'ingested', sessionId: r.sessionId, energyWh, amountFen, departmentId: e.departmentId, billed: true };
  };
  // Inside the sync's transaction for its message (no savepoint), or one of its own.
  const outcome = db.inTransaction ? run() : db.transaction(run)();
  if (outcome.status === 'duplicate' && outcome.conflicting) deps.log?.('warn', { pileId: r.pileId, sessionId: r.sessionId }, 'duplicate session differs from the stored one; kept the first');
  if (outcome.status === 'disputed') deps.log?.('warn', { pileId: r.pileId, sessionId: r.sessionId, reason: outcome.reason, detail: outcome.detail }, 'session disputed: billed to nobody');
  if (outcome.status === 'rejected') deps.log?.('warn', { pileId: r.pileId, sessionId: r.sessionId, reason: outcome.reason }, 'session rejected');
  return outcome;
}

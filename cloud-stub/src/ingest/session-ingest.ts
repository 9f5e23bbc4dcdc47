// The one way a finished session enters the cloud (the MQTT sync calls it; tests call it): validate
// against the shared contract schema, check the pile and station, attribute, price with the
// station's tariff, store the row and debit the payer exactly once — all in one transaction, and
// idempotent by session id (a second delivery changes nothing and reports `duplicate`).
import { prep } from '../persistence/sqlite/statements.js';
import { sessionRecordSchema, type SessionRecord } from '../../../pile-agent/contract.js';
import type { Db } from '../persistence/sqlite/db.js';
import { localDay, prepareSessionInsert, type SessionRow } from '../persistence/sqlite/sessions.sqlite-repo.js';
import type { CloudClock } from '../shared/clock.js';
import { cloudId } from '../shared/wire-ids.js';
import { postEntry } from '../domain/ledger/ledger.service.js';
import { priceSession } from '../domain/stations/tariff.js';
import { stationTariff } from '../domain/stations/stations.service.js';
import { pileRow } from '../domain/stations/piles.service.js';
import { vehicleByPlate, vehicleByVin } from '../domain/vehicles/vehicles.service.js';
import { attribute, type RegistryLookup } from './attribute.js';

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
  | { status: 'rejected'; reason: string; issues: { path: string; message: string }[] };

function registry(db: Db): RegistryLookup {
  return {
    vehicleByVin: (vin) => vehicleByVin(db, vin),
    vehicleByPlate: (plate) => vehicleByPlate(db, plate),
    cardDepartment: (cardNo) => {
      const r = prep(db, 'SELECT m.department_id AS d FROM cards c JOIN members m ON m.id = c.member_id WHERE c.card_no = ?').get(cardNo) as { d: number | null } | undefined;
      return r === undefined ? undefined : r.d;
    },
    departmentExists: (id) => prep(db, 'SELECT 1 FROM departments WHERE id = ?').get(id) !== undefined,
  };
}

const reject = (reason: string, path: string, message: string): IngestOutcome => ({ status: 'rejected', reason, issues: [{ path, message }] });

function checkOrigin(db: Db, r: SessionRecord, fromPileId?: string): IngestOutcome | null {
  if (fromPileId !== undefined && fromPileId !== r.pileId) return reject('pile-mismatch', 'pileId', `record names pile ${r.pileId} but came from ${fromPileId}`);
  const pile = pileRow(db, r.pileId);
  if (!pile) return reject('unknown-pile', 'pileId', `pile ${r.pileId} is not registered`);
  if (pile.station_id !== r.stationId) return reject('station-mismatch', 'stationId', `pile ${r.pileId} belongs to station ${pile.station_id}, not ${r.stationId}`);
  if (r.connectorId > pile.connectors) return reject('unknown-connector', 'connectorId', `pile ${r.pileId} has ${pile.connectors} connector(s)`);
  return null;
}

/**
 * Ingests one finished-session record. `fromPileId` is the authenticated pile the record arrived
 * from (MQTT); when given, the record must name that pile.
 */
export function ingestSession(deps: IngestDeps, payload: unknown, fromPileId?: string): IngestOutcome {
  const parsed = sessionRecordSchema.safeParse(payload);
  if (!parsed.success)
    return { status: 'rejected', reason: 'invalid-record', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const r = parsed.data;
  const { db } = deps;
  if (r.stopReason === 'vin-refused') return { status: 'refused-at-vin', sessionId: r.sessionId };
  if (r.payer === null) return reject('invalid-record', 'payer', 'payer may be null only when stopReason is vin-refused');
  const payerRef = r.payer.kind === 'member' ? { kind: 'member' as const, id: cloudId(r.payer.memberId) } : { kind: 'department' as const, id: cloudId(r.payer.departmentId) };
  const bad = checkOrigin(db, r, fromPileId);
  if (bad) {
    deps.log?.('warn', { sessionId: r.sessionId, ...bad }, 'session rejected');
    return bad;
  }
  const outcome = db.transaction((): IngestOutcome => {
    const existing = prep(db, 'SELECT energy_wh AS e, payer_kind AS pk, payer_id AS pid FROM sessions WHERE session_id = ?').get(r.sessionId) as
      | { e: number; pk: string; pid: number }
      | undefined;
    if (existing) {
      const conflicting = existing.e !== r.meterStopWh - r.meterStartWh || existing.pk !== payerRef.kind || existing.pid !== payerRef.id;
      return { status: 'duplicate', sessionId: r.sessionId, conflicting };
    }
    const now = new Date(deps.clock.now()).toISOString();
    const { departmentId, vehicle } = attribute(r, registry(db));
    const startedMs = Date.parse(r.startedAt);
    const stoppedMs = Date.parse(r.stoppedAt);
    const energyWh = r.meterStopWh - r.meterStartWh;
    const tariff = stationTariff(db, r.stationId)!;
    const amountFen = priceSession(tariff, startedMs, stoppedMs, energyWh, deps.utcOffsetMinutes);
    const payer = { kind: payerRef.kind, id: payerRef.id ?? 0 };
    const payerExists = payerRef.id !== null && prep(db, `SELECT 1 FROM ${payer.kind === 'member' ? 'members' : 'departments'} WHERE id = ?`).get(payer.id) !== undefined;
    const cardNo = r.credential.kind === 'card' ? r.credential.cardNo : null;
    const plate = r.plate ?? vehicle?.plate ?? null;
    const vin = r.vin ?? vehicle?.vin ?? null;
    const row: SessionRow = {
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
      payerKind: payer.kind,
      payerId: payer.id,
      departmentId,
      reportedDepartmentId: cloudId(r.attributedDepartmentId),
      vehicleKey: vin ?? (plate ? `plate:${plate}` : cardNo ? `card:${cardNo}` : 'unknown'),
      meterStartWh: r.meterStartWh,
      meterStopWh: r.meterStopWh,
      energyWh,
      amountFen,
      billed: payerExists,
      startedAt: r.startedAt,
      startedMs,
      stoppedAt: r.stoppedAt,
      day: localDay(startedMs, deps.utcOffsetMinutes),
      stopReason: r.stopReason,
      ingestedAt: now,
    };
    prepareSessionInsert(db)(row);
    if (payerExists && amountFen > 0)
      postEntry(db, { owner: payer, kind: 'session', amountFen: -amountFen, note: `session at pile ${r.pileId}`, sessionId: r.sessionId, accountId: null, at: now });
    return { status: 'ingested', sessionId: r.sessionId, energyWh, amountFen, departmentId, billed: payerExists };
  })();
  if (outcome.status === 'duplicate' && outcome.conflicting) deps.log?.('warn', { sessionId: r.sessionId }, 'duplicate session differs from the stored one; kept the first');
  if (outcome.status === 'ingested' && !outcome.billed) deps.log?.('warn', { sessionId: r.sessionId, payer: r.payer }, 'session stored unbilled: payer unknown');
  return outcome;
}

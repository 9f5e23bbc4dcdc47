// The one ingest function: attribution per mode (docs/charging-modes.md), pricing with the station tariff,
// exactly-once debit of the payer, idempotency by session id, and refusals that name the problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlate, aSessionRecord, aVin, startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { setUpDepot, type Depot } from '../providers/depot.js';

let t: TestCloud;
let d: Depot;
beforeAll(async () => {
  t = await startTestCloud();
  d = await setUpDepot(t);
});
afterAll(() => t.close());

const memberBalance = (id: number) => t.cloud.db.prepare('SELECT balance_fen FROM members WHERE id = ?').pluck().get(id) as number;
const deptBalance = (id: number) => t.cloud.db.prepare('SELECT balance_fen FROM departments WHERE id = ?').pluck().get(id) as number;
const stored = (id: string) => t.cloud.db.prepare('SELECT * FROM sessions WHERE session_id = ?').get(id) as Record<string, unknown>;

describe('attribution and billing per mode', () => {
  it('mode 1: station card, attributed by VIN, paid by the card member', async () => {
    const before = memberBalance(d.siteCard.memberId);
    const rec = aSessionRecord({
      stationId: d.station,
      credential: { kind: 'card', cardNo: d.siteCard.cardNo },
      payer: { kind: 'member', memberId: d.siteCard.memberId },
      vin: d.vinA1,
      vinStatus: 'valid',
    });
    const out = t.cloud.ingest(rec, 'P1');
    expect(out).toEqual({ status: 'ingested', sessionId: rec.sessionId, energyWh: 10_000, amountFen: 1_000, departmentId: d.a1, billed: true });
    expect(memberBalance(d.siteCard.memberId)).toBe(before - 1_000);
    expect(stored(rec.sessionId)).toMatchObject({ plate: aPlate(101), vehicle_key: d.vinA1, day: '2024-05-01', mode: 1 });
  });

  it('mode 1: no VIN, attributed by plate; unknown vehicle stays unattributed but is billed', () => {
    const byPlate = aSessionRecord({ stationId: d.station, payer: { kind: 'member', memberId: d.siteCard.memberId }, plate: aPlate(200) });
    expect(t.cloud.ingest(byPlate)).toMatchObject({ status: 'ingested', departmentId: d.b });
    const unknown = aSessionRecord({ stationId: d.station, payer: { kind: 'member', memberId: d.siteCard.memberId }, vin: aVin(999), vinStatus: 'valid', attributedDepartmentId: d.b });
    expect(t.cloud.ingest(unknown)).toMatchObject({ status: 'ingested', departmentId: null, billed: true, amountFen: 1_000 });
  });

  it('mode 2: one card per vehicle, attributed to the card member department, paid from its pool', () => {
    const before = deptBalance(d.a1);
    const rec = aSessionRecord({
      mode: 2,
      stationId: d.station,
      credential: { kind: 'card', cardNo: d.cardA1.cardNo },
      payer: { kind: 'department', departmentId: d.a1 },
      meterStartWh: 5_000,
      meterStopWh: 30_500,
    });
    expect(t.cloud.ingest(rec)).toMatchObject({ status: 'ingested', departmentId: d.a1, energyWh: 25_500, amountFen: 2_550 });
    expect(deptBalance(d.a1)).toBe(before - 2_550);
    expect(stored(rec.sessionId)).toMatchObject({ vehicle_key: 'card:A1CARD01', card_no: 'A1CARD01' });
  });

  it('mode 3 and mode 4: attributed by the vehicle department', () => {
    const m3 = aSessionRecord({
      mode: 3,
      stationId: d.station,
      credential: { kind: 'card', cardNo: d.cardB.cardNo },
      payer: { kind: 'department', departmentId: d.b },
      vin: d.vinB,
      vinStatus: 'valid',
    });
    expect(t.cloud.ingest(m3)).toMatchObject({ departmentId: d.b });
    const before = deptBalance(d.a);
    const m4 = aSessionRecord({ mode: 4, stationId: d.station, credential: { kind: 'vin-button' }, payer: { kind: 'department', departmentId: d.a }, vin: d.vinA, vinStatus: 'valid' });
    expect(t.cloud.ingest(m4)).toMatchObject({ departmentId: d.a, amountFen: 1_000 });
    expect(deptBalance(d.a)).toBe(before - 1_000);
  });
});

describe('exactly once', () => {
  it('a second delivery of the same session changes nothing', () => {
    const rec = aSessionRecord({ stationId: d.station, payer: { kind: 'member', memberId: d.siteCard.memberId } });
    expect(t.cloud.ingest(rec).status).toBe('ingested');
    const balance = memberBalance(d.siteCard.memberId);
    expect(t.cloud.ingest(rec)).toEqual({ status: 'duplicate', sessionId: rec.sessionId, conflicting: false });
    expect(t.cloud.ingest({ ...rec, meterStopWh: 99_000 })).toEqual({ status: 'duplicate', sessionId: rec.sessionId, conflicting: true });
    expect(memberBalance(d.siteCard.memberId)).toBe(balance);
    expect(t.cloud.db.prepare('SELECT COUNT(*) FROM ledger WHERE session_id = ?').pluck().get(rec.sessionId)).toBe(1);
    expect(t.cloud.db.prepare('SELECT COUNT(*) FROM sessions WHERE session_id = ?').pluck().get(rec.sessionId)).toBe(1);
  });

  it('a payer the registry does not name is disputed: recorded with the reason, no session row, no ledger entry', () => {
    const rec = aSessionRecord({ stationId: d.station, payer: { kind: 'member', memberId: 4242 } });
    expect(t.cloud.ingest(rec)).toMatchObject({ status: 'disputed', reason: 'payer-mismatch' });
    expect(t.cloud.db.prepare('SELECT COUNT(*) FROM ledger WHERE session_id = ?').pluck().get(rec.sessionId)).toBe(0);
    expect(stored(rec.sessionId)).toBeUndefined();
    expect(t.cloud.db.prepare('SELECT reason FROM disputed_sessions WHERE session_id = ?').pluck().get(rec.sessionId)).toBe('payer-mismatch');
    expect(t.cloud.ingest(rec)).toMatchObject({ status: 'duplicate' });
  });

  it('a zero-energy session is stored with no ledger entry', () => {
    const rec = aSessionRecord({ stationId: d.station, meterStartWh: 500, meterStopWh: 500, payer: { kind: 'member', memberId: d.siteCard.memberId } });
    expect(t.cloud.ingest(rec)).toMatchObject({ status: 'ingested', amountFen: 0, billed: true });
    expect(t.cloud.db.prepare('SELECT COUNT(*) FROM ledger WHERE session_id = ?').pluck().get(rec.sessionId)).toBe(0);
  });
});

describe('pricing', () => {
  it('prices with time-of-use periods in station local time (UTC+8)', async () => {
    await t.call('PATCH', `/api/v1/stations/${d.station}`, {
      token: t.admin,
      body: {
        tariff: {
          fenPerKwh: 100,
          periods: [
            { name: '峰', start: '10:00', end: '11:00', fenPerKwh: 150 },
            { name: '尖', start: '11:00', end: '12:00', fenPerKwh: 200 },
          ],
        },
      },
    });
    // 10:30–11:30 local: 5 kWh at 150, 5 kWh at 200 → 1750 fen
    const rec = aSessionRecord({ stationId: d.station, payer: { kind: 'member', memberId: d.siteCard.memberId }, startedAt: '2024-05-01T02:30:00Z', stoppedAt: '2024-05-01T03:30:00Z' });
    expect(t.cloud.ingest(rec)).toMatchObject({ amountFen: 1_750 });
    await t.call('PATCH', `/api/v1/stations/${d.station}`, { token: t.admin, body: { tariff: { fenPerKwh: 100, periods: [] } } });
  });

  it('files a session under the local business day (16:30Z = next day in UTC+8)', () => {
    const rec = aSessionRecord({ stationId: d.station, payer: { kind: 'member', memberId: d.siteCard.memberId }, startedAt: '2024-05-01T16:30:00Z', stoppedAt: '2024-05-01T17:00:00Z' });
    t.cloud.ingest(rec);
    expect(stored(rec.sessionId).day).toBe('2024-05-02');
  });
});

describe('refusals', () => {
  it('names the invalid fields of a malformed record and stores nothing', () => {
    const out = t.cloud.ingest({ ...aSessionRecord(), sessionId: 'x', meterStartWh: -1 });
    expect(out.status).toBe('rejected');
    if (out.status !== 'rejected') return;
    expect(out.reason).toBe('invalid-record');
    expect(out.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['sessionId', 'meterStartWh']));
    expect(t.cloud.ingest('not even an object')).toMatchObject({ status: 'rejected', reason: 'invalid-record' });
  });

  it.each([
    [{ pileId: 'NOPE' }, undefined, 'unknown-pile'],
    [{ stationId: 999 }, undefined, 'station-mismatch'],
    [{ connectorId: 3 }, undefined, 'unknown-connector'],
    [{}, 'OTHER', 'pile-mismatch'],
  ])('refuses %o from %s: %s', (over, from, reason) => {
    const rec = aSessionRecord({ stationId: d.station, ...over });
    expect(t.cloud.ingest(rec, from)).toMatchObject({ status: 'rejected', reason });
    expect(stored(rec.sessionId)).toBeUndefined();
  });
});

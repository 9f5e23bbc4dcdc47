// A hostile pile's messages, against the real cloud and its broker: poison payloads (deep nesting,
// huge strings) answered with an error and never stored; a flood of whitelist requests answered a few
// times from one cached snapshot and refused after that, the API answering meanwhile; refusals naming a
// department of another station or a VIN that is not one, stored without them; an acknowledgement of a
// version the station never had; an event on a connector the pile does not have; every refusal logged
// as one line with pile, message and reason. And the ledger's range held by the database itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aVin } from '../providers/test-cloud.js';
import { apiAnswersWithin, ledgerAgrees, money, sendEvents, setUpHostile, tearDown, type Hostile } from './hostile-kit.js';
import { aSession, refusedAttempt } from './session-builders.js';

let h: Hostile;
beforeEach(async () => {
  h = await setUpHostile();
});
afterEach(() => tearDown(h));

const stored = () => h.t.cloud.db.prepare('SELECT count(*) FROM session_events').pluck().get() as number;

describe('poison messages', () => {
  it("300,000 nested arrays inside an event's data: an error reply, nothing stored, the cloud alive", async () => {
    const s = aSession({ pileId: h.d.pileId, stationId: h.d.station, mode: 2, credential: { kind: 'card', cardNo: h.d.cardA1.cardNo }, payer: { kind: 'department', departmentId: String(h.d.a1) } });
    const deep = '['.repeat(300_000) + ']'.repeat(300_000);
    const json = JSON.stringify({ v: 1, id: 'poison-1', at: '2024-05-01T00:00:00Z', events: [{ ...s.events[0], data: { ...(s.events[0].data as object), extra: '@@' } }] }).replace('"@@"', deep);
    await h.pile.raw('session/events', json);
    expect(await h.pile.next('error', (m) => m.re === 'poison-1')).toMatchObject({ kind: 'session/events', reason: 'invalid', detail: expect.stringContaining('nested deeper') });
    expect(stored()).toBe(0);
    expect(h.t.syncLog.some((l) => l.msg === 'uplink message refused' && l.messageId === 'poison-1' && l.pileId === h.d.pileId)).toBe(true);
    await apiAnswersWithin(h.t, 200);
  });

  it('a 900 KB string in an event is refused; an unknown extra field is dropped, not stored', async () => {
    const s = aSession({ pileId: h.d.pileId, stationId: h.d.station, mode: 2, credential: { kind: 'card', cardNo: h.d.cardA1.cardNo }, payer: { kind: 'department', departmentId: String(h.d.a1) } });
    await h.pile.send('session/events', { events: [{ ...s.events[0], data: { ...(s.events[0].data as object), note: 'x'.repeat(900_000) } }] });
    expect(await h.pile.next('error')).toMatchObject({ reason: 'invalid', detail: expect.stringContaining('900000 characters') });
    expect(stored()).toBe(0);
    const results = await sendEvents(h.pile, [{ ...s.events[0], data: { ...(s.events[0].data as object), note: "a newer pile's field" } }]);
    expect(results[0].status).toBe('applied');
    expect(h.t.cloud.db.prepare('SELECT data_json FROM session_events').pluck().get()).not.toContain('newer pile');
  });
});

describe('amplification', () => {
  it('100 whitelist requests: a few answered from one cached snapshot, the rest refused as rate-limited; the API answers meanwhile', async () => {
    for (let i = 0; i < 300; i++)
      await h.t.call('POST', '/api/v1/vehicles', { token: h.t.admin, body: { vin: aVin(10_000 + i), plate: `沪A${String(10_000 + i).padStart(5, '0')}D`, departmentId: h.d.a } });
    const sends = Array.from({ length: 100 }, () => h.pile.send('whitelist/request', { fromVersion: 0, reason: 'gap' }));
    await apiAnswersWithin(h.t, 200);
    await Promise.all(sends);
    const refusals: unknown[] = [];
    for (let i = 0; i < 95; i++) refusals.push(await h.pile.next('error', (m) => m.reason === 'rate-limited', 20_000));
    expect(refusals).toHaveLength(95);
    expect(h.t.syncLog.filter((l) => l.msg.includes('rate limit')).length).toBe(95);
    expect(h.t.syncLog.filter((l) => l.msg === 'whitelist pages sent').length).toBe(5);
  });
});

describe('made-up refusals, VINs and versions', () => {
  it("a refusal naming another station's department and a formula as VIN is stored without either", async () => {
    const r = refusedAttempt(h.d.pileId, 'DEADBEEF');
    const forged = { ...r, data: { ...r.data, vin: '=HYPERLINK("x")AA', vinStatus: 'valid', departmentId: String(h.otherDept) } };
    expect((await sendEvents(h.pile, [forged]))[0].status).toBe('applied');
    const row = h.t.cloud.db.prepare('SELECT vin, vin_status, department_id FROM refusals WHERE id = ?').get(r.sessionId);
    expect(row).toEqual({ vin: null, vin_status: 'malformed', department_id: null });
    const otherFleet = await h.t.call('GET', '/api/v1/refusals', { token: h.d.fleetA });
    expect(JSON.stringify(otherFleet.json)).not.toContain('DEADBEEF');
    const badDigit = aVin(77).slice(0, 8) + (aVin(77)[8] === '0' ? '1' : '0') + aVin(77).slice(9);
    const s = aSession({
      pileId: h.d.pileId,
      stationId: h.d.station,
      mode: 2,
      credential: { kind: 'card', cardNo: h.d.cardA1.cardNo },
      payer: { kind: 'department', departmentId: String(h.d.a1) },
      vin: badDigit,
    });
    await sendEvents(h.pile, s.events.slice(0, 2));
    expect(h.t.cloud.db.prepare('SELECT count(*) FROM unknown_vins').pluck().get()).toBe(0);
  });

  it('a whitelist/ack for a version the station never had is refused and not stored', async () => {
    const before = h.t.cloud.db.prepare('SELECT whitelist_version FROM pile_links WHERE pile_id = ?').pluck().get(h.d.pileId) ?? 0;
    const m = await h.pile.send('whitelist/ack', { re: 'x', version: 9_999_999 });
    expect(await h.pile.next('error', (e) => e.re === m.id)).toMatchObject({ kind: 'whitelist/ack', reason: 'unknown-version' });
    expect(h.t.cloud.db.prepare('SELECT whitelist_version FROM pile_links WHERE pile_id = ?').pluck().get(h.d.pileId) ?? 0).toBe(before);
  });

  it('a started event on connector 16 of a 2-connector pile is rejected and no stop is sent for it', async () => {
    const s = aSession({
      pileId: h.d.pileId,
      stationId: h.d.station,
      mode: 2,
      credential: { kind: 'card', cardNo: h.d.cardA1.cardNo },
      payer: { kind: 'department', departmentId: String(h.d.a1) },
      connectorId: 16,
    });
    expect((await sendEvents(h.pile, [s.events[0]]))[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('connector 16') });
    expect(h.t.cloud.db.prepare('SELECT count(*) FROM live_sessions').pluck().get()).toBe(0);
    expect(h.t.cloud.db.prepare('SELECT count(*) FROM pile_commands').pluck().get()).toBe(0);
  });

  it("a fleet registering another fleet's VIN learns nothing about it", async () => {
    const r = await h.t.call('POST', '/api/v1/vehicles', { token: h.d.fleetA, body: { vin: h.d.vinB, plate: '沪A99999D', departmentId: h.d.a } });
    expect(r.status).toBe(409);
    expect(r.json.error).toBe('vin-unavailable');
    expect(r.text).not.toMatch(/already registered/);
    const plate = await h.t.call('POST', '/api/v1/vehicles', { token: h.d.fleetA, body: { vin: aVin(4444), plate: '沪A00200D', departmentId: h.d.a } });
    expect(plate.status).toBe(409);
    expect(plate.text).not.toContain(h.d.vinB);
  });
});

describe("the ledger's range, in the database", () => {
  it('a balance out of range, a fraction of a fen or an oversized entry is refused by SQLite itself', () => {
    const db = h.t.cloud.db;
    const before = money(h.t);
    expect(() => db.prepare('UPDATE departments SET balance_fen = 1e13 WHERE id = ?').run(h.d.a)).toThrow(/out of range/);
    expect(() => db.prepare('UPDATE departments SET balance_fen = 0.5 WHERE id = ?').run(h.d.a)).toThrow(/out of range/);
    expect(() => db.prepare('UPDATE members SET balance_fen = -2000000000000 WHERE id = ?').run(h.d.siteCard.memberId)).toThrow(/out of range/);
    expect(() =>
      db.prepare("INSERT INTO ledger (owner_kind, owner_id, kind, amount_fen, balance_after_fen, created_at) VALUES ('department', ?, 'correction', 200000000000, 0, 'x')").run(h.d.a),
    ).toThrow(/out of range/);
    expect(money(h.t)).toEqual(before);
    ledgerAgrees(h.t);
  });

  it('a top-up that would pass the range is a 422, nothing written', async () => {
    for (let i = 0; i < 9; i++) await h.t.call('POST', `/api/v1/departments/${h.d.a}/top-ups`, { token: h.t.admin, body: { amountFen: 100_000_000_000 } });
    const before = money(h.t);
    const r = await h.t.call('POST', `/api/v1/departments/${h.d.a}/top-ups`, { token: h.t.admin, body: { amountFen: 100_000_000_000 } });
    expect(r.status).toBe(422);
    expect(r.json.error).toBe('balance-out-of-range');
    expect(money(h.t)).toEqual(before);
    ledgerAgrees(h.t);
  });
});

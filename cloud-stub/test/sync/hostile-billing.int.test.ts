// A hostile (or buggy) pile holding only its own valid credentials, against the real cloud and its
// broker: it cannot bill a department of another station, one bound nowhere, a card it made up, more
// energy than its connector can deliver, sessions from 0001 or 2099, another pile's session, or a
// payer changed in a resend. Each attempt is disputed or rejected with a reason the pile is told, the
// balances and the ledger are what they were, and the API keeps answering.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PileClient } from './pile-client.js';
import { apiAnswersWithin, ledgerAgrees, money, sendEvents, setUpHostile, tearDown, type Hostile } from './hostile-kit.js';
import { aSession, type AnySessionSpec } from './session-builders.js';

let h: Hostile;
beforeEach(async () => {
  h = await setUpHostile();
});
afterEach(() => tearDown(h));

const dept = (id: number) => ({ kind: 'department' as const, departmentId: String(id) });
const spec = (over: Partial<AnySessionSpec>): AnySessionSpec => ({
  pileId: h.d.pileId,
  stationId: h.d.station,
  mode: 2,
  credential: { kind: 'card', cardNo: h.d.cardA1.cardNo },
  payer: dept(h.d.a1),
  ...over,
});
const disputes = () => h.t.cloud.db.prepare('SELECT session_id AS id, reason FROM disputed_sessions').all() as { id: string; reason: string }[];

describe('a pile names a payer the registry does not support', () => {
  it.each([
    ['a department bound only to another station', () => ({ payer: dept(h.otherDept) }), 'payer-mismatch'],
    ['a department bound to no station', () => ({ payer: dept(h.unboundDept) }), 'payer-mismatch'],
    ['a card it made up', () => ({ credential: { kind: 'card' as const, cardNo: 'FAKE0001' }, payer: dept(h.d.a1) }), 'card-unknown'],
    ['the station administrator member with a fleet card', () => ({ payer: { kind: 'member' as const, memberId: String(h.d.siteCard.memberId) }, mode: 1 as const }), 'mode-mismatch'],
    [
      'another fleet for a VIN-only fleet card without the vehicle',
      () => ({ mode: 3 as const, credential: { kind: 'card' as const, cardNo: h.d.cardB.cardNo }, payer: dept(h.d.b), vin: h.d.vinA }),
      'vehicle-other-department',
    ],
    [
      'a VIN-button session for a vehicle of a department bound elsewhere',
      () => ({ mode: 4 as const, credential: { kind: 'vin-button' as const }, payer: dept(h.otherDept), vin: h.d.vinA }),
      'payer-mismatch',
    ],
  ])('%s: disputed, billed to nobody, the pile told why', async (_name, over, reason) => {
    const before = money(h.t);
    const s = aSession(spec(over()));
    const results = await sendEvents(h.pile, s.events);
    expect(results.slice(0, 3).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(results[3]).toMatchObject({ status: 'rejected', reason: expect.stringContaining(`disputed: ${reason}`) });
    expect(money(h.t)).toEqual(before);
    expect(disputes()).toEqual([{ id: s.sessionId, reason }]);
    const listed = (await h.t.call('GET', '/api/v1/sessions/disputed', { token: h.t.admin })).json;
    expect(listed[0]).toMatchObject({ sessionId: s.sessionId, pileId: h.d.pileId, reason, record: { sessionId: s.sessionId } });
    expect((await h.t.call('GET', '/api/v1/sessions/disputed', { token: h.d.fleetA })).status).toBe(403);
    expect(h.t.syncLog.some((l) => l.msg.includes('disputed') && l.sessionId === s.sessionId && l.pileId === h.d.pileId)).toBe(true);
    ledgerAgrees(h.t);
  });

  it("the same session with the registry's payer is billed, once", async () => {
    const before = money(h.t);
    const s = aSession(spec({}));
    expect((await sendEvents(h.pile, s.events)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(money(h.t).ledger).toBe(before.ledger + 1);
    ledgerAgrees(h.t);
  });
});

describe('amounts and times a pile cannot deliver', () => {
  it("1e12 Wh, or more than 400 kW for the session's hour: disputed; the balance stays an integer", async () => {
    const before = money(h.t);
    for (const energyWh of [1e12, 450_000]) {
      const s = aSession(spec({ energyWh }));
      const results = await sendEvents(h.pile, s.events);
      expect(results[3]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('disputed: energy-implausible') });
    }
    expect(money(h.t)).toEqual(before);
    expect(h.t.cloud.db.prepare('SELECT typeof(balance_fen) FROM departments WHERE id = ?').pluck().get(h.d.a1)).toBe('integer');
  });

  it('a session from 0001 to 9999, one in 2099 and one in 1970: disputed at once, the API answering meanwhile', async () => {
    const before = money(h.t);
    const sessions = [
      aSession(spec({ startedAt: '0001-01-01T00:00:00.000Z', minutes: 60 })),
      { ...aSession(spec({ startedAt: '0001-01-01T00:00:00.000Z' })), long: true },
      aSession(spec({ startedAt: '2099-01-01T00:00:00.000Z' })),
      aSession(spec({ startedAt: '1970-01-01T00:00:00.000Z' })),
    ];
    const longOne = sessions[1];
    longOne.events[3] = { ...longOne.events[3], at: '9999-01-01T00:00:00.000Z', data: { ...(longOne.events[3].data as object), stoppedAt: '9999-01-01T00:00:00.000Z' } };
    const pending = Promise.all(sessions.map((s) => sendEvents(h.pile, s.events)));
    await apiAnswersWithin(h.t, 200);
    for (const results of await pending) expect(results[3]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('disputed: time-implausible') });
    expect(money(h.t)).toEqual(before);
    const report = await h.t.call('GET', `/api/v1/reports/company?departmentId=${h.d.a1}&from=0001-01-01&to=9999-12-31`, { token: h.t.admin });
    expect(report.json.totals.sessions).toBe(0);
  });
});

describe('sessions of other piles and conflicting resends', () => {
  it("pile P2 cannot close or bill pile P1's open session by naming its id", async () => {
    const reg = await h.t.call('POST', `/api/v1/stations/${h.d.station}/piles`, { token: h.t.admin, body: { pileId: 'P2', connectors: 2 } });
    const p2 = await PileClient.connect(h.t.cloud.mqttUrl, 'P2', reg.json.secret);
    try {
      const s = aSession(spec({}));
      await sendEvents(h.pile, s.events.slice(0, 3));
      const before = money(h.t);
      const stolen = s.events.map((e) => ({ ...e, pileId: 'P2', data: e.kind === 'session.stopped' ? { ...(e.data as object), pileId: 'P2' } : e.data }));
      const results = await sendEvents(p2, [stolen[3]]);
      expect(results[0].status).toBe('deferred'); // P2 has no such session: its seq 1 never came
      expect(money(h.t)).toEqual(before);
      expect(h.t.cloud.db.prepare('SELECT state FROM live_sessions WHERE pile_id = ? AND session_id = ?').pluck().get(h.d.pileId, s.sessionId)).toBe('open');
      // P1 finishes its own session normally: billed once.
      expect((await sendEvents(h.pile, [s.events[3]]))[0].status).toBe('applied');
      expect(money(h.t).ledger).toBe(before.ledger + 1);
    } finally {
      await p2.close();
    }
  });

  it('a resend of an event with other content is a logged conflict; a meter jump to 900,000 Wh is refused', async () => {
    const s = aSession(spec({}));
    await sendEvents(h.pile, s.events.slice(0, 2));
    const forged = { ...s.events[1], data: { ...(s.events[1].data as object), payer: dept(h.otherDept) } };
    expect((await sendEvents(h.pile, [forged]))[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('conflict') });
    const jump = { ...s.events[2], data: { energyWh: 1_900_000, powerW: 60_000 } };
    expect((await sendEvents(h.pile, [jump]))[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('conflict') });
    expect(h.t.cloud.db.prepare('SELECT last_meter_wh FROM live_sessions WHERE session_id = ?').pluck().get(s.sessionId)).toBe(1_000_000);
    expect(h.t.syncLog.filter((l) => l.level === 'warn' && l.sessionId === s.sessionId && String(l.reason).includes('conflict')).length).toBeGreaterThanOrEqual(2);
  });

  it('a stop at seq 1 is refused; events behind a gap are deferred, never acked applied, and held only up to the bound', async () => {
    const s = aSession(spec({}));
    await h.pile.send('session/events', { events: [{ ...s.events[3], seq: 1, key: `${s.sessionId}:1` }] });
    expect(await h.pile.next('error')).toMatchObject({ kind: 'session/events', reason: 'invalid' });
    const held = Array.from({ length: 1_100 }, (_, i) => ({ ...s.events[2], seq: i + 10, key: `${s.sessionId}:${i + 10}`, data: { energyWh: 1_000_000, powerW: 1 } }));
    const results = [...(await sendEvents(h.pile, held.slice(0, 500))), ...(await sendEvents(h.pile, held.slice(500, 1000))), ...(await sendEvents(h.pile, held.slice(1000)))];
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['deferred']));
    expect(results.at(-1)!.reason).toMatch(/1000 events already wait/);
    expect(h.t.cloud.db.prepare('SELECT count(*) FROM session_events WHERE pile_id = ?').pluck().get(h.d.pileId)).toBe(1_000);
    // The gap filled: all 1,000 apply, none counts as held any more, and the bound has room again.
    const fill = [s.events[0], s.events[1], ...Array.from({ length: 7 }, (_, i) => ({ ...held[0], seq: i + 3, key: `${s.sessionId}:${i + 3}` }))];
    expect((await sendEvents(h.pile, fill)).map((r) => r.status)).toEqual(Array(9).fill('applied'));
    expect(h.t.cloud.db.prepare('SELECT applied_seq FROM live_sessions WHERE session_id = ?').pluck().get(s.sessionId)).toBe(1_009);
    expect(h.t.cloud.db.prepare('SELECT count(*) FROM session_events WHERE pile_id = ? AND pending = 1').pluck().get(h.d.pileId)).toBe(0);
    const later = { ...held[0], seq: 5_000, key: `${s.sessionId}:5000` };
    expect((await sendEvents(h.pile, [later]))[0]).toMatchObject({ status: 'deferred', reason: 'waiting for seq 1010' });
  });
});

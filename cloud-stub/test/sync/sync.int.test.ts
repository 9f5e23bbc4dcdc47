// The cloud's MQTT sync end to end over the embedded broker with a real mqtt.js pile client: hello →
// the station's view as pages, acknowledged; a registration pushed as a delta; session events applied
// and billed once whatever the duplication or order; refusals and unknown VINs recorded; malformed
// payloads answered with errors and never applied; commands acknowledged or expired; a veto.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpDepot, type Depot } from '../providers/depot.js';
import { aPlate, aVin, startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { PileClient } from './pile-client.js';
import { cardSession, refusedAttempt } from './session-builders.js';

let t: TestCloud;
let d: Depot;
let pile: PileClient;

beforeEach(async () => {
  t = await startTestCloud();
  d = await setUpDepot(t);
  pile = await PileClient.connect(t.cloud.mqttUrl, d.pileId, d.pileSecret);
});
afterEach(async () => {
  await pile.close();
  await t.close();
});

const hello = (whitelistVersion: number) =>
  pile.send('hello', { agentVersion: 'test', stationId: d.station, whitelistVersion, connectors: [{ id: 1, phase: 'idle' }], outbox: { depth: 0, oldestAt: null } });
const deptBalance = (id: number) => t.cloud.db.prepare('SELECT balance_fen FROM departments WHERE id = ?').pluck().get(id) as number;
const pileState = async () => (await t.call('GET', `/api/v1/piles/${d.pileId}`, { token: t.admin })).json;

async function syncedVersion(): Promise<number> {
  const h = await hello(0);
  const pages = await pile.pagesUntilComplete(h.id as string);
  const version = pages[pages.length - 1].toVersion;
  await pile.send('whitelist/ack', { re: 'x', version });
  return version;
}

async function until<T>(what: string, f: () => Promise<T | undefined | false> | T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('cloud sync over MQTT', () => {
  it('hello gets the station view as a snapshot; the ack and the link show in GET /piles', async () => {
    const h = await hello(0);
    const pages = await pile.pagesUntilComplete(h.id as string);
    expect(pages[0]).toMatchObject({ kind: 'snapshot', part: 1 });
    const keys = pages.flatMap((p) => p.changes.map((c: any) => `${c.entity}:${c.key}`));
    expect(keys).toEqual(expect.arrayContaining([`vehicle:${d.vinA1}`, `card:${d.cardA1.cardNo}`, `station:${d.station}`]));
    const version = pages[pages.length - 1].toVersion;
    await pile.send('whitelist/ack', { re: 'x', version });
    const s = await until('acked', async () => {
      const s = await pileState();
      return s.whitelistVersion === version && s;
    });
    expect(s).toMatchObject({ online: true, stationVersion: version, behind: 0 });
  });

  it('a vehicle registered through the API reaches the pile as a delta within a second', async () => {
    const v = await syncedVersion();
    const vin = aVin(4321);
    const started = Date.now();
    await t.call('POST', '/api/v1/vehicles', { token: t.admin, body: { vin, plate: aPlate(4321), departmentId: d.a1 } });
    const m = await pile.next('whitelist/page', (x) => x.page.changes.some((c: any) => c.key === vin));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(m.page).toMatchObject({ kind: 'delta', fromVersion: v });
  });

  it('session events are applied once: a duplicate delivery is duplicate, the session billed once', async () => {
    const s = cardSession({ pileId: d.pileId, stationId: d.station, cardNo: d.cardA1.cardNo, departmentId: d.a1 });
    const before = deptBalance(d.a1);
    const batch = await pile.send('session/events', { events: s.events });
    const ack = await pile.next('session/ack', (x) => x.re === batch.id);
    expect(ack.results.map((r: any) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const again = await pile.send('session/events', { events: s.events });
    const ack2 = await pile.next('session/ack', (x) => x.re === again.id);
    expect(ack2.results.map((r: any) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(deptBalance(d.a1)).toBe(before - 1_000);
    expect(t.cloud.db.prepare('SELECT count(*) FROM sessions WHERE session_id = ?').pluck().get(s.sessionId)).toBe(1);
  });

  it('reordered events wait for the gap (deferred, not acknowledged as applied): the stop before the start bills once, when the start arrives', async () => {
    const s = cardSession({ pileId: d.pileId, stationId: d.station, cardNo: d.cardA1.cardNo, departmentId: d.a1 });
    const late = await pile.send('session/events', { events: [s.events[3], s.events[1]] });
    const held = (await pile.next('session/ack', (x) => x.re === late.id)).results;
    expect(held.map((r: any) => r.status)).toEqual(['deferred', 'deferred']);
    expect(held[0].reason).toMatch(/waiting for seq 1/);
    expect(t.cloud.db.prepare('SELECT count(*) FROM sessions WHERE session_id = ?').pluck().get(s.sessionId)).toBe(0);
    const first = await pile.send('session/events', { events: [s.events[0], s.events[2]] });
    expect((await pile.next('session/ack', (x) => x.re === first.id)).results.map((r: any) => r.status)).toEqual(['applied', 'applied']);
    expect(t.cloud.db.prepare('SELECT count(*) FROM sessions WHERE session_id = ?').pluck().get(s.sessionId)).toBe(1);
    const again = await pile.send('session/events', { events: [s.events[3], s.events[1]] });
    expect((await pile.next('session/ack', (x) => x.re === again.id)).results.map((r: any) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(t.cloud.db.prepare('SELECT applied_seq, state FROM live_sessions WHERE session_id = ?').get(s.sessionId)).toEqual({ applied_seq: 4, state: 'closed' });
  });

  it('a refusal and an unknown VIN are recorded and listed for the operator', async () => {
    const vin = aVin(5555);
    const s = cardSession({ pileId: d.pileId, stationId: d.station, cardNo: d.cardA1.cardNo, departmentId: d.a1, vin });
    const m = await pile.send('session/events', { events: [refusedAttempt(d.pileId, 'DEADBEEF'), ...s.events] });
    await pile.next('session/ack', (x) => x.re === m.id);
    const refusals = (await t.call('GET', '/api/v1/refusals', { token: t.admin })).json;
    expect(JSON.stringify(refusals)).toContain('DEADBEEF');
    const unknown = (await t.call('GET', '/api/v1/vehicles/unknown', { token: t.admin })).json;
    expect(JSON.stringify(unknown)).toContain(vin);
    await t.call('POST', '/api/v1/vehicles', { token: t.admin, body: { vin, plate: aPlate(5555), departmentId: d.a1 } });
    expect(JSON.stringify((await t.call('GET', '/api/v1/vehicles/unknown', { token: t.admin })).json)).not.toContain(vin);
  });

  it('malformed, wrong-version and invalid payloads are answered with errors and never applied', async () => {
    await pile.raw('hello', Buffer.from([0x7b, 0xff]));
    expect(await pile.next('error')).toMatchObject({ kind: 'hello', reason: 'not-json' });
    await pile.raw('session/events', JSON.stringify({ v: 2, id: 'old-1', at: '2024-05-01T00:00:00Z', events: [] }));
    expect(await pile.next('error')).toMatchObject({ re: 'old-1', reason: 'unsupported-version' });
    const s = cardSession({ pileId: d.pileId, stationId: d.station, cardNo: d.cardA1.cardNo, departmentId: d.a1 });
    await pile.send('session/events', { events: [{ ...s.events[0], key: 'wrong' }] });
    expect(await pile.next('error')).toMatchObject({ kind: 'session/events', reason: 'invalid' });
    const other = cardSession({ pileId: 'P2', stationId: d.station, cardNo: d.cardA1.cardNo, departmentId: d.a1 });
    const m = await pile.send('session/events', { events: [other.events[0]] });
    expect((await pile.next('session/ack', (x) => x.re === m.id)).results[0]).toMatchObject({ status: 'rejected' });
    expect(t.cloud.db.prepare('SELECT count(*) FROM session_events').pluck().get()).toBe(0);
  });

  it('a command is delivered and acknowledged; an unanswered one expires', async () => {
    const r = await t.call('POST', `/api/v1/piles/${d.pileId}/commands`, { token: t.admin, body: { kind: 'stop', connectorId: 1 } });
    expect(r.status).toBe(202);
    const cmd = await pile.next('command');
    expect(cmd).toMatchObject({ id: r.json.commandId, command: { kind: 'stop', connectorId: 1, reason: 'remote' } });
    await pile.send('command/ack', { re: cmd.id, status: 'acknowledged' });
    await until('acknowledged', async () => (await t.call('GET', `/api/v1/piles/${d.pileId}/commands/${cmd.id}`, { token: t.admin })).json.state === 'acknowledged');
    const r2 = await t.call('POST', `/api/v1/piles/${d.pileId}/commands`, { token: t.admin, body: { kind: 'sync' } });
    await pile.next('command', (x) => x.id === r2.json.commandId);
    t.clock.advance(120_000);
    t.cloud.sync.poll();
    expect(t.cloud.db.prepare('SELECT state FROM pile_commands WHERE command_id = ?').pluck().get(r2.json.commandId)).toBe('expired');
  });

  it('the cloud vetoes a running session whose department is unbound after the start', async () => {
    await syncedVersion();
    const s = cardSession({ pileId: d.pileId, stationId: d.station, cardNo: d.cardA1.cardNo, departmentId: d.a1 });
    const m = await pile.send('session/events', { events: s.events.slice(0, 2) });
    await pile.next('session/ack', (x) => x.re === m.id);
    await t.call('PUT', `/api/v1/departments/${d.a1}/stations`, { token: t.admin, body: { stationIds: [] } });
    const stop = await pile.next('command', (x) => x.command.reason === 'cloud-veto');
    expect(stop.command).toMatchObject({ kind: 'stop', connectorId: 1, sessionId: s.sessionId, detail: 'department-not-bound' });
  });
});

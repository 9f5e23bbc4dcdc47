// The operator's pile routes over what the sync stores: state and versions (pile_links + the station
// head), remote commands through the CommandIssuer (state read from pile_commands, expiry derived),
// revocation (DELETE, rotate-secret → onPileRevoked), with auth and validation errors. Rows the sync
// would write are inserted directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiCloud, type ApiCloud } from '../providers/api-cloud.js';
import { setUpDepot, type Depot } from '../providers/depot.js';

let t: ApiCloud;
let d: Depot;
beforeAll(async () => {
  t = await startApiCloud();
  d = await setUpDepot(t);
  await t.call('POST', `/api/v1/stations/${d.station}/piles`, { token: t.admin, body: { pileId: 'P2', connectors: 1 } });
});
afterAll(() => t.close());

const admin = (method: string, path: string, body?: unknown) => t.call(method, path, { token: t.admin, body });

describe('pile state', () => {
  it('shows a never-connected pile as offline at version 0, behind its station head', async () => {
    t.heads.set(d.station, 7);
    const r = await admin('GET', '/api/v1/piles/P2');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      pileId: 'P2',
      stationId: d.station,
      connectors: 1,
      createdAt: expect.any(String),
      online: false,
      lastSeenAt: null,
      whitelistVersion: 0,
      stationVersion: 7,
      behind: 7,
      clockSkewMs: null,
      outboxDepth: null,
      outboxOldestAt: null,
      agentVersion: null,
    });
  });

  it('joins the link state the sync keeps, and lists every pile', async () => {
    t.db
      .prepare(
        `INSERT INTO pile_links (pile_id, online, last_seen_at, whitelist_version, agent_version, clock_skew_ms, outbox_depth, outbox_oldest_at)
       VALUES ('P1', 1, '2024-05-01T00:00:05.000Z', 5, '0.9.0', -1200, 3, '2024-04-30T23:59:00.000Z')`,
      )
      .run();
    const one = await admin('GET', '/api/v1/piles/P1');
    expect(one.json).toMatchObject({
      online: true,
      lastSeenAt: '2024-05-01T00:00:05.000Z',
      whitelistVersion: 5,
      stationVersion: 7,
      behind: 2,
      clockSkewMs: -1200,
      outboxDepth: 3,
      outboxOldestAt: '2024-04-30T23:59:00.000Z',
      agentVersion: '0.9.0',
    });
    const list = await admin('GET', '/api/v1/piles');
    expect(list.status).toBe(200);
    expect(list.json.map((p: { pileId: string; behind: number }) => [p.pileId, p.behind])).toEqual([
      ['P1', 2],
      ['P2', 7],
    ]);
    expect((await admin('GET', `/api/v1/piles?stationId=${d.station + 99}`)).json).toEqual([]);
  });

  it('refuses fleet accounts (403), unknown piles (404), no token (401)', async () => {
    expect((await t.call('GET', '/api/v1/piles', { token: d.fleetA })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/piles/P1', { token: d.fleetA })).status).toBe(403);
    expect(await t.call('GET', '/api/v1/piles')).toMatchObject({ status: 401 });
    expect((await admin('GET', '/api/v1/piles/NOPE')).status).toBe(404);
    expect((await admin('GET', '/api/v1/piles?bogus=1')).json.field).toBe('bogus');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).json;
    for (const p of [
      '/api/v1/piles',
      '/api/v1/piles/{pileId}',
      '/api/v1/piles/{pileId}/commands',
      '/api/v1/piles/{pileId}/commands/{commandId}',
      '/api/v1/piles/{pileId}/rotate-secret',
      '/api/v1/refusals',
      '/api/v1/vehicles/unknown',
    ])
      expect(Object.keys(doc.paths), p).toContain(p);
    expect(doc.paths['/api/v1/piles/{pileId}'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('stationVersion');
  });
});

describe('commands', () => {
  it('maps stop to the contract command and answers 202 with its id', async () => {
    const r = await admin('POST', '/api/v1/piles/P1/commands', { kind: 'stop', connectorId: 2 });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ commandId: expect.any(String) });
    expect(t.issued.at(-1)).toEqual({ commandId: r.json.commandId, pileId: 'P1', command: { kind: 'stop', connectorId: 2, reason: 'remote' }, accountId: expect.any(Number) });
    await admin('POST', '/api/v1/piles/P1/commands', { kind: 'stop' });
    expect(t.issued.at(-1)!.command).toEqual({ kind: 'stop', connectorId: null, reason: 'remote' });
    await admin('POST', '/api/v1/piles/P1/commands', { kind: 'sync' });
    expect(t.issued.at(-1)!.command).toEqual({ kind: 'sync' });
  });

  it.each([
    [{ kind: 'stop', connectorId: 3 }, 422, 'connectorId'],
    [{ kind: 'stop', connectorId: 0 }, 422, 'connectorId'],
    [{ kind: 'sync', connectorId: 1 }, 422, 'connectorId'],
    [{ kind: 'reboot' }, 400, 'kind'],
    [{}, 400, 'kind'],
    [{ kind: 'stop', extra: 1 }, 400, 'extra'],
    [{ kind: 'stop', connectorId: 'x' }, 400, 'connectorId'],
  ])('refuses %o (%i naming %s) and issues nothing', async (body, status, field) => {
    const before = t.issued.length;
    const r = await admin('POST', '/api/v1/piles/P1/commands', body);
    expect(r.status).toBe(status);
    expect(r.json.field).toBe(field);
    expect(t.issued.length).toBe(before);
  });

  it('404 for an unknown pile, 403 for a fleet account', async () => {
    expect((await admin('POST', '/api/v1/piles/NOPE/commands', { kind: 'sync' })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/piles/P1/commands', { token: d.fleetA, body: { kind: 'sync' } })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/piles/P1/commands', { token: d.fleetA })).status).toBe(403);
  });

  it('reads a command as sent, then as the sync moved it; sent past its expiry reads expired', async () => {
    const { commandId } = (await admin('POST', '/api/v1/piles/P1/commands', { kind: 'stop', connectorId: 1 })).json;
    const path = `/api/v1/piles/P1/commands/${commandId}`;
    expect((await admin('GET', path)).json).toEqual({
      commandId,
      pileId: 'P1',
      kind: 'stop',
      connectorId: 1,
      reason: 'remote',
      sessionId: null,
      state: 'sent',
      detail: null,
      createdAt: '2024-05-01T00:00:00.000Z',
      updatedAt: '2024-05-01T00:00:00.000Z',
      expiresAt: '2024-05-01T00:01:00.000Z',
    });
    t.clock.advance(60_000);
    expect((await admin('GET', path)).json.state).toBe('expired');
    t.db.prepare("UPDATE pile_commands SET state = 'failed', detail = 'no session on connector 1' WHERE command_id = ?").run(commandId);
    expect((await admin('GET', path)).json).toMatchObject({ state: 'failed', detail: 'no session on connector 1' });
    expect((await admin('GET', `/api/v1/piles/P2/commands/${commandId}`)).status).toBe(404);
    expect((await admin('GET', '/api/v1/piles/P1/commands/nope')).json).toMatchObject({ error: 'not-found', message: 'command not found' });
  });

  it("lists the pile's commands most recent first", async () => {
    t.clock.advance(1000);
    const { commandId } = (await admin('POST', '/api/v1/piles/P1/commands', { kind: 'sync' })).json;
    const list = (await admin('GET', '/api/v1/piles/P1/commands')).json;
    expect(list[0].commandId).toBe(commandId);
    expect(list.length).toBe(t.issued.filter((i) => i.pileId === 'P1').length);
    expect((await admin('GET', '/api/v1/piles/P1/commands?limit=2')).json).toHaveLength(2);
    expect((await admin('GET', '/api/v1/piles/P2/commands')).json).toEqual([]);
  });
});

describe('revocation', () => {
  it('rotate-secret returns a new secret once and revokes the pile', async () => {
    const r = await admin('POST', '/api/v1/piles/P2/rotate-secret');
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ pileId: 'P2', secret: expect.any(String) });
    expect(t.revoked).toEqual(['P2']);
    expect((await admin('POST', '/api/v1/piles/P2/secret')).status).toBe(201);
    expect(t.revoked).toEqual(['P2', 'P2']);
    expect((await t.call('POST', '/api/v1/piles/P2/rotate-secret', { token: d.fleetA })).status).toBe(403);
    expect((await admin('POST', '/api/v1/piles/NOPE/rotate-secret')).status).toBe(404);
    expect(t.revoked).toHaveLength(2);
  });

  it('DELETE removes the pile and its link row, then revokes it', async () => {
    expect((await t.call('DELETE', '/api/v1/piles/P1', { token: d.fleetA })).status).toBe(403);
    expect(t.revoked).not.toContain('P1');
    const r = await admin('DELETE', '/api/v1/piles/P1');
    expect(r.status).toBe(204);
    expect(t.revoked.at(-1)).toBe('P1');
    expect(t.db.prepare("SELECT COUNT(*) FROM pile_links WHERE pile_id = 'P1'").pluck().get()).toBe(0);
    expect((await admin('GET', '/api/v1/piles/P1')).status).toBe(404);
    expect((await admin('DELETE', '/api/v1/piles/P1')).status).toBe(404);
    expect((await admin('GET', `/api/v1/stations/${d.station}`)).json.pileIds).toEqual(['P2']);
  });
});

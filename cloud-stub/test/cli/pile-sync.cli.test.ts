// The operator's sync commands run in-process against an API-only cloud with fake sync faces:
// pile list|show|delete|rotate-secret, pile command (waits for the outcome; exit 1 on failed,
// expired or no answer; --no-wait), pile commands, vehicle unknown, session refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiCloud, type ApiCloud } from '../providers/api-cloud.js';
import { setUpDepot, type Depot } from '../providers/depot.js';
import { aVin } from '../providers/test-cloud.js';
import { inProcessCli, type InProcessCli } from './cli-in-process.js';

let t: ApiCloud;
let d: Depot;
let cli: InProcessCli;
beforeAll(async () => {
  t = await startApiCloud();
  d = await setUpDepot(t);
  await t.call('POST', `/api/v1/stations/${d.station}/piles`, { token: t.admin, body: { pileId: 'P2', connectors: 1 } });
  t.heads.set(d.station, 9);
  t.db
    .prepare(
      `INSERT INTO pile_links (pile_id, online, last_seen_at, whitelist_version, agent_version, clock_skew_ms, outbox_depth, outbox_oldest_at)
     VALUES ('P1', 1, '2024-05-01T00:00:05.000Z', 6, '0.9.0', 1500, 2, '2024-04-30T23:00:00.000Z')`,
    )
    .run();
  cli = inProcessCli(t.url, t.admin);
});
afterAll(async () => {
  cli.close();
  await t.close();
});

const setState = (commandId: string, state: string, detail: string | null = null) => t.db.prepare('UPDATE pile_commands SET state = ?, detail = ? WHERE command_id = ?').run(state, detail, commandId);

describe('pile list|show', () => {
  it('lists piles as a table with link state, versions and outbox', async () => {
    const r = await cli.run(['pile', 'list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^pile\s+station\s+online\s+last seen\s+versions \(pile\/station\)\s+outbox$/);
    expect(lines[2]).toMatch(/^P1\s+1\s+yes\s+2024-05-01T00:00:05.000Z\s+6\/9 \(-3\)\s+2 since 2024-04-30T23:00:00.000Z$/);
    expect(lines[3]).toMatch(/^P2\s+1\s+no\s+never\s+0\/9 \(-9\)\s+-$/);
  });

  it('shows one pile, and --json prints the API reply', async () => {
    const r = await cli.run(['pile', 'show', 'P1']);
    expect(r.stdout).toContain('link:        online, last seen 2024-05-01T00:00:05.000Z');
    expect(r.stdout).toContain('whitelist:   version 6 acknowledged, station at 9 (3 behind)');
    expect(r.stdout).toContain('clock skew:  1500 ms');
    const j = await cli.run(['--json', 'pile', 'show', 'P1']);
    expect(JSON.parse(j.stdout)).toMatchObject({ pileId: 'P1', behind: 3, agentVersion: '0.9.0' });
    expect(await cli.run(['pile', 'show', 'NOPE'])).toMatchObject({ code: 1, error: 'pile not found' });
  });
});

describe('pile command', () => {
  it('prints the id, waits until the pile acknowledges, exits 0', async () => {
    const issued = t.nextIssue();
    const run = cli.run(['pile', 'command', 'P1', 'stop', '--connector', '2']);
    const i = await issued;
    expect(i.command).toEqual({ kind: 'stop', connectorId: 2, reason: 'remote' });
    setState(i.commandId, 'acknowledged');
    const r = await run;
    expect(r).toMatchObject({ code: 0, error: null });
    expect(r.stdout).toContain(`command ${i.commandId} sent; waiting`);
    expect(r.stdout).toContain(`command ${i.commandId}: acknowledged`);
  });

  it('exits 1 when the command fails, naming why', async () => {
    const issued = t.nextIssue();
    const run = cli.run(['pile', 'command', 'P1', 'sync']);
    const i = await issued;
    expect(i.command).toEqual({ kind: 'sync' });
    setState(i.commandId, 'failed', 'busy');
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`command ${i.commandId}: failed (busy)`);
    expect(r.error).toBe('the command failed: busy');
  });

  it('exits 1 on expiry and when no answer comes within --timeout', async () => {
    const issued = t.nextIssue();
    const run = cli.run(['pile', 'command', 'P2', 'stop']);
    await issued;
    t.clock.advance(61_000);
    expect(await run).toMatchObject({ code: 1, error: 'the command expired' });
    const slow = await cli.run(['pile', 'command', 'P2', 'sync', '--timeout', '0.3']);
    expect(slow.code).toBe(1);
    expect(slow.error).toMatch(/^no answer from pile P2 after 0.3 s/);
  });

  it('--no-wait returns at once with the id; bad connectors are refused', async () => {
    const r = await cli.run(['--json', 'pile', 'command', 'P1', 'sync', '--no-wait']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ commandId: t.issued.at(-1)!.commandId });
    expect(await cli.run(['pile', 'command', 'P1', 'stop', '--connector', '3'])).toMatchObject({ code: 1, error: expect.stringMatching(/connectorId must be 1–2.*\[field: connectorId\]/) });
    expect((await cli.run(['pile', 'command', 'P1', 'reboot'])).code).toBe(1);
    const list = await cli.run(['pile', 'commands', 'P1']);
    expect(list.stdout.split('\n')[2]).toMatch(/^\S+\s+sync\s+sent/);
  });
});

describe('revocation', () => {
  it('rotate-secret prints the new secret once; delete removes the pile', async () => {
    const r = await cli.run(['pile', 'rotate-secret', 'P2']);
    expect(r.stdout).toMatch(/pile P2: new MQTT secret \(shown only now\): \S{20,}/);
    expect(t.revoked).toEqual(['P2']);
    const del = await cli.run(['pile', 'delete', 'P2']);
    expect(del).toMatchObject({ code: 0, stdout: 'pile P2 deleted and disconnected\n' });
    expect(t.revoked).toEqual(['P2', 'P2']);
    expect((await cli.run(['pile', 'delete', 'P2'])).code).toBe(1);
  });
});

describe('vehicle unknown, session refusals', () => {
  it('lists unknown VINs and refusals as tables', async () => {
    const vin = aVin(777);
    t.db.prepare("INSERT INTO unknown_vins VALUES (?, ?, 'P1', '2024-05-01T01:00:00Z', '2024-05-01T02:00:00Z', 4, 'refused')").run(vin, d.station);
    t.db
      .prepare(
        `INSERT INTO refusals (id, pile_id, connector_id, station_id, at, credential_kind, card_no, vin, vin_status, reason, mode, department_id, received_at)
       VALUES ('r1', 'P1', 2, ?, '2024-05-01T03:00:00Z', 'vin', NULL, ?, 'unknown', 'unknown-vin', 4, NULL, '2024-05-01T03:00:01Z')`,
      )
      .run(d.station, vin);
    const u = await cli.run(['vehicle', 'unknown']);
    expect(u.stdout.split('\n')[2]).toMatch(new RegExp(`^${vin}\\s+1 北站\\s+P1\\s+2024-05-01T01:00:00Z\\s+2024-05-01T02:00:00Z\\s+4\\s+refused$`));
    const r = await cli.run(['session', 'refusals', '--station', String(d.station)]);
    expect(r.stdout.split('\n')[2]).toMatch(new RegExp(`^2024-05-01T03:00:00Z\\s+1\\s+P1#2\\s+4\\s+VIN ${vin}\\s+-\\s+unknown-vin$`));
    expect(r.stdout).toContain('1–1 of 1 refusal(s)');
    expect((await cli.run(['session', 'refusals', '--from', '2024-05-02'])).stdout).toContain('(none)');
  });
});

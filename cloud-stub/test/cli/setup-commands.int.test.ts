// `dept`, `member`, `station`, `pile`, `account` against a real cloud: what each prints, what the
// server holds afterwards (read back with --json), yuan ↔ fen, and the errors (unknown department,
// card bound elsewhere, bad amounts, a fleet account out of its subtree) as one line with exit 1.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCliCloud, type CliCloud } from './cli-harness.js';

// each command is a child process (~0.8 s idle, several seconds on a loaded 2-core machine)
vi.setConfig({ testTimeout: 180_000, hookTimeout: 250_000 });

let t: CliCloud;
beforeAll(async () => {
  t = await startCliCloud();
  await t.loginAdmin();
});
afterAll(async () => t?.close());

describe('dept', () => {
  it('adds departments, tops up in yuan, binds stations, sets switches, lists', async () => {
    expect(await t.ok(['dept', 'add', '公交一公司'])).toBe('department 1 公交一公司 created\n');
    const fleet = await t.json(['dept', 'add', '一车队', '--parent', '1', '--vin-only', 'on', '--stop-password', '2468', '--floor', '100']);
    expect(fleet).toMatchObject({ id: 2, parentId: 1, vinOnly: true, stopPasswordSet: true, floorFen: 10000 });
    expect(await t.ok(['dept', 'top-up', '1', '--amount', '999999'])).toBe('department 1: +999999.00 yuan, balance 999999.00 yuan\n');
    expect(await t.ok(['dept', 'top-up', '1', '-a', '0.29', '--note', 'float trap'])).toBe('department 1: +0.29 yuan, balance 999999.29 yuan\n');
    expect(await t.ok(['dept', 'correct', '1', '-a', '-0.29', '--reason', 'typed twice'])).toBe('department 1: -0.29 yuan, balance 999999.00 yuan\n');
    await t.ok(['station', 'add', '北站']);
    await t.ok(['station', 'add', '南站']);
    expect(await t.ok(['dept', 'bind', '1', '-s', '1'])).toBe('department 1 is bound to station 1\n');
    expect(await t.ok(['dept', 'bind', '1', '--station', '2'])).toBe('department 1 is bound to stations 1, 2\n');
    expect(await t.ok(['dept', 'unbind', '1', '-s', '1'])).toBe('department 1 is bound to station 2\n');
    expect(await t.ok(['dept', 'bind', '1', '-s', '1', '--replace'])).toBe('department 1 is bound to station 1\n');
    const set = await t.json(['dept', 'set', '2', '--vin-only', 'off', '--name', '一车队(新)']);
    expect(set).toMatchObject({ id: 2, name: '一车队(新)', vinOnly: false });
    const shown = await t.ok(['dept', 'show', '1']);
    expect(shown).toContain('balance:        999999.00 yuan (floor 0.00)');
    const list = await t.ok(['dept', 'list']);
    expect(list.split('\n')[0]).toBe('ID  name        parent  balance (yuan)  VIN-only  stop pw  stations');
    expect(list).toContain('2   一车队(新)  1       0.00            off       set      -');
  });

  it('prints server refusals as one line with the field, exit 1', async () => {
    const unknown = await t.run(['dept', 'top-up', '99', '-a', '1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: department not found.*\n$/);
    const badPw = await t.run(['dept', 'set', '1', '--stop-password', 'abc']);
    expect(badPw.code).toBe(1);
    expect(badPw.stderr).toMatch(/^error: .*\[field: stopPassword\]\n$/);
    const badParent = await t.run(['dept', 'add', 'x', '--parent', '77']);
    expect(badParent.code).toBe(1);
    expect(badParent.stderr).toMatch(/^error: .*\n$/);
  });

  it('refuses bad amounts and ids before calling the server', async () => {
    const r = await t.run(['dept', 'top-up', '1', '-a', '12.345']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"12\.345" has more than two decimals/);
    expect((await t.run(['dept', 'top-up', '1', '-a', '-5'])).stderr).toMatch(/negative: top-ups are positive/);
    expect((await t.run(['dept', 'show', 'abc'])).stderr).toMatch(/department id must be a positive whole number, got "abc"/);
    expect((await t.run(['dept', 'set', '1'])).stderr).toBe('error: nothing to change: give at least one option\n(add --help for usage)\n');
  });
});

describe('member, station, pile', () => {
  it('sets up a station card (mode 1): member, top-up, card, administrator, fixed password, tariff', async () => {
    expect(await t.ok(['member', 'add', '站点通卡A'])).toBe('member 1 站点通卡A created\n');
    expect(await t.ok(['member', 'top-up', '站点通卡A', '--amount', '999999'])).toBe('member 1 站点通卡A: +999999.00 yuan, balance 999999.00 yuan\n');
    expect(await t.ok(['member', 'card', '站点通卡A', 'SITE0001'])).toBe('card SITE0001 bound to member 1 站点通卡A\n');
    const s = await t.json(['station', 'set', '1', '--admin', '站点通卡A', '--fixed-password', '888888', '--price', '1.20', '--period', '峰=08:00-11:00@1.50', '--period', '谷=23:00-07:00@0.35']);
    expect(s).toMatchObject({
      adminMemberId: 1,
      fixedPasswordSet: true,
      tariff: {
        fenPerKwh: 120,
        periods: [
          { name: '峰', start: '08:00', end: '11:00', fenPerKwh: 150 },
          { name: '谷', start: '23:00', end: '07:00', fenPerKwh: 35 },
        ],
      },
    });
    expect(await t.ok(['station', 'list'])).toMatch(/1 {3}北站 {2}1 {6}set {7}1\.20/);
  });

  it('sets up one card per vehicle (mode 2): real members named after plates, in a department', async () => {
    const m = await t.json(['member', 'add', '沪A32567', '--kind', 'real', '--dept', '1']);
    expect(m).toMatchObject({ id: 2, kind: 'real', departmentId: 1 });
    await t.ok(['member', 'card', '2', 'CARD0002']);
    const moved = await t.json(['member', 'set', '沪A32567', '--dept', '2']);
    expect(moved).toMatchObject({ departmentId: 2, cards: ['CARD0002'] });
    expect(await t.ok(['member', 'list', '沪A'])).toContain('2   沪A32567  real  2     0.00            CARD0002');
  });

  it('refuses a card already bound to another member, an unknown member name, an unknown department', async () => {
    const taken = await t.run(['member', 'card', '站点通卡A', 'CARD0002']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^error: .*CARD0002.*\[field: cardNo\]\n$/);
    expect((await t.run(['member', 'card', '无此人', 'X1'])).stderr).toBe('error: no member named "无此人" (see `cloud-stub member list`)\n');
    const dept = await t.run(['member', 'add', '沪B12345', '--kind', 'real', '--dept', '42']);
    expect(dept.code).toBe(1);
    expect(dept.stderr).toMatch(/^error: .*\[field: departmentId\]\n$/);
    expect((await t.run(['member', 'add', 'x', '--kind', 'robot'])).stderr).toMatch(/kind is virtual .* or real/);
  });

  it('removes a card', async () => {
    expect(await t.ok(['member', 'card', '2', 'CARD0002', '--remove'])).toBe('card CARD0002 removed from member 2 沪A32567\n');
  });

  it('registers a pile and shows its MQTT secret once', async () => {
    const out = await t.ok(['pile', 'add', 'PILE-001', '--station', '1', '--connectors', '2']);
    expect(out).toMatch(/^pile PILE-001 registered at station 1 with 2 connector\(s\)\nMQTT secret \(shown only now\): \S{16,}\n$/);
    expect(await t.ok(['pile', 'show', 'PILE-001'])).toMatch(/^pile PILE-001 at station 1, 2 connector\(s\), registered /);
    const again = await t.run(['pile', 'add', 'PILE-001', '-s', '1']);
    expect(again.stderr).toMatch(/already registered \[field: pileId\]/);
    const station = await t.run(['pile', 'add', 'PILE-002', '-s', '9']);
    expect(station.stderr).toMatch(/^error: station not found/);
  });
});

describe('account', () => {
  it('creates a fleet account that sees only its own department subtree', async () => {
    const out = await t.ok(['account', 'add', 'fleet-1', '--role', 'fleet', '--dept', '2', '--password-stdin'], { stdin: 'fleet-pass-123\n' });
    expect(out).toBe('account fleet-1 (fleet, department 2) created\n');
    expect(await t.ok(['account', 'list'])).toMatch(/fleet-1\s+fleet\s+2/);
    expect((await t.run(['account', 'add', 'fleet-x', '--role', 'fleet'])).stderr).toMatch(/a fleet account needs --dept/);

    const fleetToken = { PILEGATE_CLOUD_TOKEN_FILE: `${t.dir}/fleet-token.json` };
    await t.ok(['login', '-u', 'fleet-1', '--password-stdin'], { stdin: 'fleet-pass-123\n', env: fleetToken });
    const depts = await t.json(['dept', 'list'], { env: fleetToken });
    expect(depts.map((d: { id: number }) => d.id)).toEqual([2]);
    const other = await t.run(['dept', 'show', '1'], { env: fleetToken });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^error: /);
    const topUp = await t.run(['dept', 'top-up', '2', '-a', '5'], { env: fleetToken });
    expect(topUp.code).toBe(1);
  });
});

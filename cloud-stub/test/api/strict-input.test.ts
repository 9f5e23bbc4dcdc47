// Bad input gets a clear 4xx and changes nothing: bodies taken as typed (no coercion of money or
// names), no control or bidi characters in stored text, ids written as decimal integers, JSON only
// (text/plain is 415), search text matched literally (LIKE wildcards escaped), raw bytes in a query.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../providers/test-cloud.js';
import { inProcessCli } from '../cli/cli-in-process.js';
import { terminalSafe } from '../../src/shared/safe-text.js';

let t: TestCloud;
let dept: number;
beforeAll(async () => {
  t = await startTestCloud();
  dept = (await t.call('POST', '/api/v1/departments', { token: t.admin, body: { name: '公交一车队' } })).json.id;
});
afterAll(() => t.close());

const call = (method: string, path: string, body?: unknown) => t.call(method, path, { token: t.admin, body });
const balance = async () => (await call('GET', `/api/v1/departments/${dept}`)).json.balanceFen as number;

describe('strict bodies', () => {
  it.each([[true], ['100'], ['1e2'], [[100]], [100.5], [null]])('refuses amountFen %j and leaves the balance alone', async (amountFen) => {
    const before = await balance();
    const r = await call('POST', `/api/v1/departments/${dept}/top-ups`, { amountFen });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'invalid-field', field: 'amountFen' });
    expect(await balance()).toBe(before);
  });

  it('takes a JSON integer', async () => {
    const before = await balance();
    expect((await call('POST', `/api/v1/departments/${dept}/top-ups`, { amountFen: 100 })).status).toBe(201);
    expect(await balance()).toBe(before + 100);
  });

  it('refuses a number where a name goes, and a boolean where an id goes', async () => {
    const count = (await call('GET', '/api/v1/members')).json.length;
    expect((await call('POST', '/api/v1/departments', { name: 123 })).json).toMatchObject({ error: 'invalid-field', field: 'name' });
    expect((await call('POST', '/api/v1/members', { kind: 'virtual', name: 123 })).status).toBe(400);
    expect((await call('POST', '/api/v1/members', { kind: 'virtual', name: 'x', departmentId: String(dept) })).json.field).toBe('departmentId');
    expect((await call('GET', '/api/v1/members')).json.length).toBe(count);
  });
});

describe('control and formatting characters', () => {
  it.each([
    ['NUL', 'A\u0000B'],
    ['CR/LF', '车队\r\nadmin'],
    ['ESC', '\u001b[31m红色车队\u001b[0m'],
    ['RLO', 'abc\u202Edef'],
    ['zero width', 'a\u200Bb'],
  ])('refuses %s in a name, storing nothing', async (_what, name) => {
    const before = (await call('GET', '/api/v1/departments')).json.length;
    const r = await call('POST', '/api/v1/departments', { name });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'invalid-field', field: 'name' });
    expect(r.json.message).toMatch(/control or formatting characters \(U\+[0-9A-F]{4}\)/);
    expect((await call('GET', '/api/v1/departments')).json.length).toBe(before);
  });

  it('a fleet account cannot rename its own department with a terminal escape sequence', async () => {
    await call('POST', '/api/v1/accounts', { username: 'fleet-one', password: 'fleet-one-pass-9', role: 'fleet', departmentId: dept });
    const fleet = await t.login('fleet-one', 'fleet-one-pass-9');
    const r = await t.call('PATCH', `/api/v1/departments/${dept}`, { token: fleet, body: { name: '\u001b]0;pwned\u0007车队' } });
    expect(r.status).toBe(400);
    expect((await call('GET', `/api/v1/departments/${dept}`)).json.name).toBe('公交一车队');
    expect((await t.call('PATCH', `/api/v1/departments/${dept}`, { token: fleet, body: { name: '公交一车队(东)' } })).status).toBe(200);
  });

  it('the CLI prints a name stored before these checks with its escapes visible, never raw', async () => {
    // Written straight to the database, as an older version could have stored it.
    t.cloud.db.prepare('UPDATE departments SET name = ? WHERE id = ?').run('\u001b[2J\u202e车队', dept);
    const cli = inProcessCli(t.cloud.httpUrl, t.admin);
    try {
      for (const args of [
        ['dept', 'list'],
        ['--json', 'dept', 'list'],
      ]) {
        const out = (await cli.run(args)).stdout;
        // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this pattern is for
        expect(out).not.toMatch(/[\u001b\u202e]/);
        expect(out).toContain('\\u001b[2J\\u202e车队');
      }
    } finally {
      cli.close();
      t.cloud.db.prepare('UPDATE departments SET name = ? WHERE id = ?').run('公交一车队', dept);
    }
    expect(terminalSafe('a\nb\tc\u0085d')).toBe('a\nb\\u0009c\\u0085d');
  });

  it('refuses control characters in a nested field and in a query string', async () => {
    const st = await call('POST', '/api/v1/stations', { name: '站', tariff: { fenPerKwh: 100, periods: [{ name: '峰', start: '08:00\n', end: '10:00', fenPerKwh: 1 }] } });
    expect(st.json).toMatchObject({ error: 'invalid-field', field: 'tariff.periods.0.start' });
    expect((await call('GET', `/api/v1/members?q=${encodeURIComponent('a\u001bb')}`)).status).toBe(400);
  });
});

describe('ids, media types, search, raw bytes', () => {
  it.each(['0x1', '1e0', '01', '+1', ' 1', '1.0', '9999999999999999'])('refuses member id %j', async (id) => {
    const r = await call('GET', `/api/v1/members/${encodeURIComponent(id)}`);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'invalid-field', field: 'id' });
  });

  it('finds a member by a decimal id', async () => {
    const m = (await call('POST', '/api/v1/members', { kind: 'virtual', name: '站点通卡' })).json;
    expect((await call('GET', `/api/v1/members/${m.id}`)).json.name).toBe('站点通卡');
  });

  it('answers a text/plain body with 415', async () => {
    const r = await t.call('POST', '/api/v1/departments', { token: t.admin, raw: '{"name":"x"}', contentType: 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.json.error).toBe('unsupported-media-type');
  });

  it('matches % and _ in a search literally', async () => {
    await call('POST', '/api/v1/members', { kind: 'virtual', name: '100%卡' });
    await call('POST', '/api/v1/members', { kind: 'virtual', name: 'a_b' });
    const names = async (q: string) => (await call('GET', `/api/v1/members?q=${encodeURIComponent(q)}`)).json.map((m: { name: string }) => m.name);
    expect(await names('%')).toEqual(['100%卡']);
    expect(await names('_')).toEqual(['a_b']);
    expect(await names('站点')).toEqual(['站点通卡']);
  });

  it('answers raw (unencoded) UTF-8 in a query with the API error shape', async () => {
    const url = new URL(t.cloud.httpUrl);
    const head = Buffer.concat([
      Buffer.from('GET /api/v1/members?q='),
      Buffer.from('沪A', 'utf8'),
      Buffer.from(` HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.admin}\r\nConnection: close\r\n\r\n`),
    ]);
    const raw = await new Promise<string>((resolve, reject) => {
      const s = connect(Number(url.port), url.hostname, () => s.write(head));
      const chunks: Buffer[] = [];
      s.on('data', (c) => chunks.push(c));
      s.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      s.on('error', reject);
    });
    const [status, ...rest] = raw.split('\r\n');
    expect(status).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(rest.slice(rest.indexOf('') + 1).join('\r\n'))).toEqual({ error: 'bad-request', message: expect.stringContaining('percent-encode') });
    // The same search, encoded, works.
    expect((await call('GET', `/api/v1/members?q=${encodeURIComponent('沪A')}`)).status).toBe(200);
  });
});

// A huge vehicle file, as a fleet account may send one: the CSV is read row by row as it arrives and
// no further than MAX_IMPORT_ROWS (422 naming the limit, nothing imported), memory stays flat and the
// API keeps answering meanwhile; an oversized XLSX is a 413; a file under the limit still imports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS } from '../../src/formats/vehicle-rows.js';
import { startTestCloud, aVin, aPlate, type TestCloud } from '../providers/test-cloud.js';

let t: TestCloud;
let dept: number;
let fleet: string;
beforeAll(async () => {
  t = await startTestCloud();
  dept = (await t.call('POST', '/api/v1/departments', { token: t.admin, body: { name: '车队' } })).json.id;
  await t.call('POST', '/api/v1/accounts', { token: t.admin, body: { username: 'fleet-bulk', password: 'bulk-upload-key-7', role: 'fleet', departmentId: dept } });
  fleet = await t.login('fleet-bulk', 'bulk-upload-key-7');
});
afterAll(() => t.close());

const count = () => t.cloud.db.prepare('SELECT count(*) FROM vehicles').pluck().get() as number;

/** `rows` CSV lines made as the upload pulls them, in ~64 KB chunks: the test holds no 50 MB string. */
function csvStream(rows: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i === 0) c.enqueue(Buffer.from('vin,plate,departmentId\n'));
      const lines: string[] = [];
      for (let k = 0; k < 1_800 && i < rows; k++, i++) lines.push(`${aVin(i)},${aPlate(i)},${dept}`);
      if (lines.length) c.enqueue(Buffer.from(`${lines.join('\n')}\n`));
      if (i >= rows) c.close();
    },
  });
}

describe('vehicle import limits', () => {
  it('a 50 MB CSV: refused at the row limit without reading it whole, the API answering meanwhile, nothing imported', async () => {
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    const upload = fetch(`${t.cloud.httpUrl}/api/v1/vehicles/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fleet}`, 'content-type': 'text/csv' },
      body: csvStream(1_400_000), // ≈ 50 MB
      duplex: 'half',
    } as RequestInit);
    // While the upload runs, other requests are answered (generous bound for a loaded 2-core machine).
    const slowest = await (async () => {
      let worst = 0;
      for (let k = 0; k < 10; k++) {
        const t0 = performance.now();
        expect((await t.call('GET', '/api/v1/me', { token: t.admin })).status).toBe(200);
        worst = Math.max(worst, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 30));
      }
      return worst;
    })();
    const r = await upload;
    clearInterval(sampler);
    expect(r.status).toBe(422);
    const body = (await r.json()) as { errors: { row: number; message: string }[] };
    expect(body.errors).toEqual([{ row: MAX_IMPORT_ROWS + 2, column: '', message: expect.stringContaining('more than 100,000 vehicle rows') }]);
    expect(count()).toBe(0);
    expect(slowest).toBeLessThan(5_000);
    expect(rssPeak - rssBefore).toBeLessThan(400 * 1024 * 1024);
    // The connection and the server are fine afterwards.
    expect((await t.call('GET', '/api/v1/me', { token: fleet })).status).toBe(200);
  });

  it('an XLSX over 16 MB is a 413; nothing imported', async () => {
    const fake = Buffer.alloc(17 * 1024 * 1024);
    fake.write('PK\u0003\u0004', 'latin1');
    const r = await t.call('POST', '/api/v1/vehicles/import', { token: fleet, raw: fake, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ error: 'body-too-large', message: expect.stringContaining('16 MB') });
    expect(count()).toBe(0);
  });

  it('a streamed CSV under the limit imports every row', async () => {
    const r = await fetch(`${t.cloud.httpUrl}/api/v1/vehicles/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fleet}`, 'content-type': 'text/csv' },
      body: csvStream(5_000),
      duplex: 'half',
    } as RequestInit);
    expect(await r.json()).toEqual({ imported: 5_000, updated: 0 });
    expect(count()).toBe(5_000);
  });
});

// `vehicle add|find|template|import` and `report …` against a real cloud: the template round trip
// through the CLI, an all-or-nothing import whose 422 list is printed with row and column, progress
// lines on a large import (stderr not a TTY), and report files (CSV, XLSX) from ingested sessions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aSessionRecord, aVin } from '../providers/test-cloud.js';
import { startCliCloud, type CliCloud } from './cli-harness.js';
import { ManualCloudClock } from '../../src/shared/clock.js';

// each command is a child process (~0.8 s idle, several seconds on a loaded 2-core machine)
vi.setConfig({ testTimeout: 180_000, hookTimeout: 250_000 });

let t: CliCloud;
const VIN1 = 'LZYTBTE66N1000001';
beforeAll(async () => {
  // The sessions below are of 2024-05-01: the cloud refuses sessions months older than its clock.
  t = await startCliCloud({ clock: new ManualCloudClock(Date.parse('2024-05-02T00:00:00Z')) });
  await t.loginAdmin();
  await t.ok(['dept', 'add', '公交一公司']);
  await t.ok(['dept', 'add', '一车队', '--parent', '1']);
  await t.ok(['station', 'add', '北站', '--price', '1.00']);
  await t.ok(['pile', 'add', 'P1', '-s', '1']);
  await t.ok(['dept', 'bind', '2', '-s', '1']);
});
afterAll(async () => t?.close());

describe('vehicle', () => {
  it('adds one, refuses a bad check digit naming the field, finds by part of VIN or plate', async () => {
    expect(await t.ok(['vehicle', 'add', VIN1, '沪A32567', '--dept', '2'])).toBe(`vehicle ${VIN1} 沪A32567 registered in department 2\n`);
    const bad = await t.run(['vehicle', 'add', 'LZYTBTE67N1000001', '沪A32568', '-d', '2']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*check digit.*\[field: vin\]\n$/);
    const dept = await t.run(['vehicle', 'add', aVin(9), '沪A32569', '-d', '77']);
    expect(dept.stderr).toMatch(/^error: .*\[field: departmentId\]\n$/);
    expect(await t.ok(['vehicle', 'find', '32567'])).toBe(['VIN                plate     dept', '-----------------  --------  ----', `${VIN1}  沪A32567  2`, ''].join('\n'));
    expect(await t.json(['vehicle', 'find', 'N10000'])).toMatchObject([{ vin: VIN1 }]);
    expect(await t.ok(['vehicle', 'find', 'ZZZ'])).toBe('(none)\n');
  });

  it('template → fill rows with exceljs → import (XLSX), and the CSV template', async () => {
    const file = join(t.dir, 'vehicles.xlsx');
    expect(await t.ok(['vehicle', 'template', '-o', file])).toMatch(/^wrote .*vehicles\.xlsx \(xlsx, \d+ bytes\)\n$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    ws.spliceRows(2, 1); // drop the example row
    ws.addRow([aVin(11), '粤BD12345', 2]);
    ws.addRow([aVin(12), '粤B12345D', 2]);
    ws.addRow([VIN1, '沪A32567', 1]); // moves the registered bus to the company
    await wb.xlsx.writeFile(file);
    expect(await t.ok(['vehicle', 'import', file])).toBe('vehicles.xlsx: 2 vehicle(s) imported, 1 updated\n');
    expect(await t.json(['vehicle', 'find', VIN1])).toMatchObject([{ departmentId: 1 }]);

    const csv = join(t.dir, 'template.csv');
    await t.ok(['vehicle', 'template', '-o', csv]);
    expect(readFileSync(csv, 'utf8')).toBe('\uFEFF车架号(VIN),车牌号,部门ID\r\nLZYTBTE66N1000001,粤B12345D,2\r\n');
  });

  it('prints every refused row with its row and column, and imports nothing', async () => {
    const file = join(t.dir, 'bad.csv');
    writeFileSync(file, `\uFEFF车架号(VIN),车牌号,部门ID\r\n${aVin(21)},沪C00001,2\r\nLZYTBTE67N1000001,沪C00002,2\r\n${aVin(23)},沪C0003,2\r\n${aVin(24)},沪C00004,0\r\n`);
    const r = await t.run(['vehicle', 'import', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: the file was refused, nothing was imported (3 problems):');
    expect(lines[1]).toMatch(/^ {2}row 3, 车架号\(VIN\): VIN check digit/);
    expect(lines[2]).toMatch(/^ {2}row 4, 车牌号: plate must be 7 characters/);
    expect(lines[3]).toMatch(/^ {2}row 5, 部门ID: 部门ID must be a positive whole number/);
    expect(await t.ok(['vehicle', 'find', aVin(21)])).toBe('(none)\n');
  });

  it('reports a department the registry does not know, and a GBK file', async () => {
    const file = join(t.dir, 'unknown-dept.csv');
    writeFileSync(file, `vin,plate,departmentId\n${aVin(31)},沪D00001,99\n`);
    const r = await t.run(['vehicle', 'import', file]);
    expect(r.stderr).toMatch(/^error: the file was refused.*\n {2}row 2, (departmentId|部门ID): department 99 does not exist\n$/);
    const gbk = join(t.dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.from([0xb3, 0xb5, 0xbc, 0xdc, 0xba, 0xc5, 0x0a]));
    expect((await t.run(['vehicle', 'import', gbk])).stderr).toMatch(/row 1: the file is not UTF-8 text/);
    expect((await t.run(['vehicle', 'import', join(t.dir, 'missing.csv')])).stderr).toMatch(/^error: cannot read .*missing\.csv: ENOENT/);
  });

  it('shows upload progress as plain percentage lines on a large import when stderr is not a TTY', async () => {
    const rows = Array.from({ length: 9000 }, (_, i) => `${aVin(1000 + i)},沪E${String(i).padStart(5, '0')},2,depot note ${i}`);
    const file = join(t.dir, 'big.csv');
    writeFileSync(file, `vin,plate,departmentId,note\n${rows.join('\n')}\n`);
    const r = await t.run(['vehicle', 'import', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('big.csv: 9000 vehicle(s) imported, 0 updated\n');
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('uploading big.csv: '));
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.map((l) => Number(/(\d+)%$/.exec(l)![1]))).toEqual([...new Set(progress.map((l) => Number(/(\d+)%$/.exec(l)![1])))].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe('uploading big.csv: 100%');
    expect(r.stderr).toContain('sent; the server is checking every row…');
    const quiet = await t.run(['--no-progress', 'vehicle', 'import', file]);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe('big.csv: 0 vehicle(s) imported, 9000 updated\n');
  });
});

describe('report', () => {
  beforeAll(async () => {
    await t.ok(['member', 'add', '沪A32567', '--kind', 'real', '--dept', '2']);
    await t.ok(['member', 'card', '沪A32567', 'CARD0001']);
    const rec = aSessionRecord({
      pileId: 'P1',
      stationId: 1,
      mode: 2,
      credential: { kind: 'card', cardNo: 'CARD0001' },
      payer: { kind: 'department', departmentId: 2 },
      meterStartWh: 1000,
      meterStopWh: 13_345,
      startedAt: '2024-05-01T02:00:00Z',
      stoppedAt: '2024-05-01T03:00:00Z',
    });
    expect(t.cloud.ingest(rec)).toMatchObject({ status: 'ingested' });
  });

  it('one-card-one-car as CSV to a file, and as a table on stdout', async () => {
    const file = join(t.dir, 'occ.csv');
    const out = await t.ok(['report', 'one-card-one-car', '--dept', '2', '--from', '2024-05-01', '--to', '2024-05-31', '-o', file]);
    expect(out).toMatch(/^wrote .*occ\.csv \(csv, \d+ bytes\)\n$/);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toMatch(/CARD0001/);
    expect(text).toMatch(/12\.345/);
    const table = await t.ok(['report', 'one-card-one-car', '-d', '2', '--from', '2024-05-01', '--to', '2024-05-31']);
    expect(table).toMatch(/CARD0001/);
    expect(table).toMatch(/2024-05-01 … 2024-05-31: 1 session\(s\), 12\.345 kWh, 12\.35 yuan\n$/);
  });

  it('company report as XLSX (format from the file name)', async () => {
    const file = join(t.dir, 'company.xlsx');
    await t.ok(['report', 'company', '--dept', '1', '--from', '2024-05-01', '--to', '2024-05-31', '-o', file]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0].getRow(1).font?.bold).toBe(true);
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(1);
  });

  it('refuses a malformed day before calling the server', async () => {
    const r = await t.run(['report', 'company', '--from', '2024-02-30']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"2024-02-30" is not a day YYYY-MM-DD/);
  });
});

// Shared by the import benchmarks: builds a 100,000-row vehicle file (CSV or XLSX), starts a real
// cloud in a child process (import-server.ts, database in a temp folder), and times POST
// /api/v1/vehicles/import (upload + parse + checks + one transaction) while sampling the server
// process's RSS from /proc (peak = max of the samples and the kernel's VmHWM). Prints JSON lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { vinCheckDigit } from '../../pile-agent/contract.js';

export const ROWS = 100_000;
const DEPARTMENTS = 10;

/** Row i: a VIN with a valid check digit, an ordinary or new-energy plate, one of 10 departments. */
export function vehicleRow(i: number): [string, string, number] {
  const draft = `LZYTBTE60N${String(i).padStart(7, '0')}`;
  const vin = draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
  const n = String(Math.floor(i / 2)).padStart(5, '0');
  const plate = i % 2 === 0 ? `沪A${n}` : `粤B${n}D`;
  return [vin, plate, (i % DEPARTMENTS) + 1];
}

export function csvFile(rows = ROWS): Buffer {
  const lines = ['\uFEFF车架号(VIN),车牌号,部门ID'];
  for (let i = 0; i < rows; i++) lines.push(vehicleRow(i).join(','));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function xlsxFile(rows = ROWS): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('车辆');
  ws.addRow(['车架号(VIN)', '车牌号', '部门ID']).commit();
  for (let i = 0; i < rows; i++) ws.addRow(vehicleRow(i)).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** VmRSS / VmHWM of a process in bytes (Linux /proc). */
function procMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'import-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  for await (const line of lines) {
    clearTimeout(timer);
    return { child, url: line.trim() };
  }
  throw new Error('the cloud did not start');
}

export async function runImportBench(name: string, body: Buffer, contentType: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  const { child, url } = await startServer(dir);
  try {
    const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      return fetch(`${url}${path}`, { ...init, headers });
    };
    const json = { 'content-type': 'application/json' };
    const login = await call('/api/v1/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password: 'bench-admin-pass' }) });
    const token = ((await login.json()) as { token: string }).token;
    for (let d = 1; d <= DEPARTMENTS; d++) await call('/api/v1/departments', { method: 'POST', token, headers: json, body: JSON.stringify({ name: `车队${d}` }) });

    const baseline = procMemory(child.pid!).rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, procMemory(child.pid!).rss)), 10);
    const t0 = performance.now();
    const res = await call('/api/v1/vehicles/import', { method: 'POST', token, headers: { 'content-type': contentType }, body });
    const reply = (await res.json()) as { imported?: number; errors?: unknown[] };
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const end = procMemory(child.pid!);
    peak = Math.max(peak, end.rss, end.hwm);
    if (res.status !== 200 || reply.imported !== ROWS) throw new Error(`import failed: ${res.status} ${JSON.stringify(reply).slice(0, 500)}`);
    console.error(`${name}: ${ROWS} rows, ${mb(body.length)} MB file, ${seconds.toFixed(2)} s; server RSS ${mb(baseline)} MB before, peak ${mb(peak)} MB`);
    const line = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench: name, metric, value, unit }));
    line('seconds', Math.round(seconds * 100) / 100, 's');
    line('rows_per_s', Math.round(ROWS / seconds), '1/s');
    line('rss_peak_mb', mb(peak), 'MB');
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
}

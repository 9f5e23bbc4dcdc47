// `npm start` (bench demo) as a test: the demo depot (test-benches/demo/depot.yaml) plays through with
// every step holding — the four modes, a refusal of each kind, an unknown VIN registered, a power cut
// — and leaves what a newcomer looks at: each session once in the cloud (billed once), the screens
// as real PNGs of the pile's 800×480 screen, and the company report as a workbook with the sessions.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, expect, it } from 'vitest';
import { decodePng } from '../../../pile-agent/drivers.js';
import { runDepotDemo } from '../../index.js';

const out = mkdtempSync(join(tmpdir(), 'pilegate-demo-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('the demo depot: every step holds; each session billed once; screens as PNGs; the company report as XLSX', async () => {
  const lines: string[] = [];
  const held: { sessions: unknown[]; ledger: number } = { sessions: [], ledger: -1 };
  const demo = await runDepotDemo({
    say: (l) => lines.push(l),
    outDir: out,
    hold: async (world) => {
      const db = world.cloud!.db;
      held.sessions = db.prepare('SELECT mode, credential_kind AS credential, payer_kind AS payer, stop_reason AS stop FROM sessions ORDER BY mode').all();
      held.ledger = db.prepare("SELECT count(*) FROM ledger WHERE kind = 'session'").pluck().get() as number;
    },
  });
  expect(demo.result.error, lines.join('\n')).toBeNull();
  expect(demo.ok).toBe(true);
  expect(held.sessions).toEqual([
    { mode: 1, credential: 'password', payer: 'member', stop: 'fixed-password' },
    { mode: 2, credential: 'card', payer: 'department', stop: 'user-card' },
    { mode: 3, credential: 'card', payer: 'department', stop: 'power-loss' },
    { mode: 4, credential: 'vin-button', payer: 'department', stop: 'stop-password' },
  ]);
  expect(held.ledger).toBe(4);
  expect(lines.some((l) => l.startsWith('DEMO OK'))).toBe(true);
  expect(lines.filter((l) => /refused before CRM 0xAA, 0 Wh/.test(l))).toHaveLength(4);

  // The screens: real 800×480 images, the refusal and the charging views among them, not blank.
  const names = demo.screens.map((f) => basename(f));
  expect(names.some((n) => n.endsWith('-refused.png'))).toBe(true);
  expect(names.some((n) => n.endsWith('-charging.png'))).toBe(true);
  const png = decodePng(readFileSync(demo.screens.find((f) => f.endsWith('-charging.png'))!));
  if (!png.ok) throw new Error(png.error.message);
  expect([png.value.width, png.value.height]).toEqual([800, 480]);
  const colours = new Set<number>();
  for (let i = 0; i < png.value.rgba.length; i += 4 * 97) colours.add((png.value.rgba[i] << 16) | (png.value.rgba[i + 1] << 8) | png.value.rgba[i + 2]);
  expect(colours.size).toBeGreaterThan(4);

  // The company report: a workbook whose rows carry the sessions.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(demo.reportFile!) as unknown as ArrayBuffer);
  const text = wb.worksheets.map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
  for (const fleet of ['公交一公司', '公交二公司', '机场巴士']) expect(text).toContain(fleet);
}, 300_000);

// Every decoder and parser under fuzz: the pile's (its framers and codecs, pile-agent/testing), the
// charger profile schema — a valid profile with fields dropped, retyped or swapped must be refused
// with issues, never throw — and the cloud's vehicle file reader (CSV and XLSX bytes, mutated):
// problems come back as row errors, never as a throw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { chargerProfileSchema } from '../../../hw-profiles/index.js';
import { parseVehicleFile } from '../../../cloud-stub/index.js';
import { PILE_FUZZ_TARGETS, type FuzzRandom, type FuzzTarget } from '../../../pile-agent/testing.js';

const SIM_PROFILE = parse(readFileSync(join(import.meta.dirname, '../../../hw-profiles/chargers/sim.yaml'), 'utf8')) as unknown;
const ODD_VALUES: unknown[] = [null, -1, Number.POSITIVE_INFINITY, '', 'x'.repeat(300), [], {}, true, 0.5, '\u0000', 2 ** 53];

/** A copy of `value` with one node somewhere replaced, removed or given an extra key. */
function mutateTree(rng: FuzzRandom, value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    const out = value.map((v) => (rng.chance(0.3) ? mutateTree(rng, v, depth + 1) : v));
    if (rng.chance(0.1)) out.splice(rng.int(out.length + 1), 0, rng.pick(ODD_VALUES));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(out);
    if (keys.length && rng.chance(0.5)) {
      const k = rng.pick(keys);
      if (rng.chance(0.3)) delete out[k];
      else out[k] = rng.chance(0.5) ? rng.pick(ODD_VALUES) : mutateTree(rng, out[k], depth + 1);
    }
    if (rng.chance(0.05)) out[rng.text(8)] = rng.pick(ODD_VALUES);
    return out;
  }
  return rng.chance(0.5) ? rng.pick(ODD_VALUES) : value;
}

const chargerProfile: FuzzTarget = {
  name: 'hw.profile',
  run(rng) {
    const r = chargerProfileSchema.safeParse(mutateTree(rng, SIM_PROFILE));
    if (!r.success && r.error.issues.length === 0) throw new Error('a refused profile without an issue');
    return r.success;
  },
};

const CSV_SAMPLE = Buffer.from('\uFEFF车架号(VIN),车牌号,部门ID\r\nLZYTBTE66N1000001,粤B12345D,2\r\n');

const vehicleCsv: FuzzTarget = {
  name: 'cloud.vehicle-csv',
  async run(rng) {
    const bytes = rng.chance(0.8) ? rng.mutate(CSV_SAMPLE) : rng.bytes(120);
    const r = await parseVehicleFile(bytes, 'text/csv');
    if (r.rows.length === 0 && r.errors.length === 0) throw new Error('a file read to neither rows nor errors');
    for (const e of r.errors)
      if (!Number.isInteger(e.row) || e.row < 1 || typeof e.message !== 'string' || e.message === '') throw new Error(`a row error without a row or message: ${JSON.stringify(e)}`);
    return r.rows.length > 0 && r.errors.length === 0;
  },
};

/** A real template workbook, built once: mutated, it must come back as errors, never a throw. */
let xlsxSample: Uint8Array | null = null;
const vehicleXlsx: FuzzTarget = {
  name: 'cloud.vehicle-xlsx',
  async run(rng) {
    xlsxSample ??= await templateXlsx();
    // Some damaged zips stall the reader (refused at its deadline: 300 ms here, not the server's seconds).
    const r = await parseVehicleFile(rng.mutate(xlsxSample), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { xlsxDeadlineMs: 300 });
    for (const e of r.errors) if (!Number.isInteger(e.row) || typeof e.message !== 'string') throw new Error(`a malformed error: ${JSON.stringify(e)}`);
    return r.rows.length > 0;
  },
};

async function templateXlsx(): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('车辆');
  ws.addRow(['车架号(VIN)', '车牌号', '部门ID']);
  ws.addRow(['LZYTBTE66N1000001', '粤B12345D', 2]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const ALL_FUZZ_TARGETS: readonly FuzzTarget[] = [...PILE_FUZZ_TARGETS, chargerProfile, vehicleCsv, vehicleXlsx];

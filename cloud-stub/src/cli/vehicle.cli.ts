// `vehicle add|find|import|template` (and `unknown`, vehicle-unknown.cli.ts): the vehicle registry (车辆车架管理 / 导入车牌和车架). The import
// uploads the filled template as is (CSV or XLSX, progress on stderr) and prints the server's
// verdict: counts, or every refused cell as "row N, column: message" (nothing applied).
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from './api-client.js';
import { contextOf, idArg } from './cli-context.js';
import { formatOfPath, saveFile } from './save-file.js';
import { registerUnknownVins } from './vehicle-unknown.cli.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Vehicle {
  vin: string;
  plate: string;
  departmentId: number;
  updatedAt?: string;
}

function formatArg(value: string): 'csv' | 'xlsx' {
  if (value === 'csv' || value === 'xlsx') return value;
  throw new InvalidArgumentError('format is csv or xlsx');
}

export function register(program: Command): void {
  const vehicle = program.command('vehicle').description('vehicles: VIN, plate, department; import from the template');

  vehicle
    .command('add')
    .description('register one vehicle (车辆车架管理 新建)')
    .argument('<vin>', '17-character VIN')
    .argument('<plate>', 'plate, e.g. 沪A32567 or 粤BD12345')
    .requiredOption('-d, --dept <id>', 'department id (部门ID)', idArg('--dept'))
    .action(async (vin: string, plate: string, o: { dept: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const v = await ctx.api.json<Vehicle>('POST', '/api/v1/vehicles', { vin, plate, departmentId: o.dept });
      ctx.show(v, () => ctx.line(`vehicle ${v.vin} ${v.plate} registered in department ${v.departmentId}`));
    });

  vehicle
    .command('set')
    .description("change a vehicle's plate or department")
    .argument('<vin>', '17-character VIN')
    .option('--plate <plate>', 'new plate')
    .option('-d, --dept <id>', 'new department id', idArg('--dept'))
    .action(async (vin: string, o: { plate?: string; dept?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (o.plate === undefined && o.dept === undefined) cmd.error('error: nothing to change: give --plate or --dept');
      const v = await ctx.api.json<Vehicle>('PATCH', `/api/v1/vehicles/${encodeURIComponent(vin)}`, { ...(o.plate ? { plate: o.plate } : {}), ...(o.dept ? { departmentId: o.dept } : {}) });
      ctx.show(v, () => ctx.line(`vehicle ${v.vin} ${v.plate} in department ${v.departmentId}`));
    });

  vehicle
    .command('delete')
    .description('delete a vehicle (its sessions keep their own VIN and plate)')
    .argument('<vin>', '17-character VIN')
    .action(async (vin: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      await ctx.api.json('DELETE', `/api/v1/vehicles/${encodeURIComponent(vin)}`);
      ctx.show({ deleted: vin }, () => ctx.line(`vehicle ${vin} deleted`));
    });

  vehicle
    .command('find')
    .description("search vehicles by part of a VIN or plate (the auto-search), or list a department's")
    .argument('[text]', 'part of a VIN or plate')
    .option('-d, --dept <id>', 'only this department', idArg('--dept'))
    .option('--limit <n>', "at most this many (default: the server's)", idArg('--limit'))
    .action(async (text: string | undefined, o: { dept?: number; limit?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const q = new URLSearchParams();
      if (text) q.set('q', text.trim());
      if (o.dept) q.set('departmentId', String(o.dept));
      if (o.limit) q.set('limit', String(o.limit));
      const list = await ctx.api.json<Vehicle[]>('GET', `/api/v1/vehicles${q.size ? `?${q}` : ''}`);
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'VIN', value: (v: Vehicle) => v.vin },
            { title: 'plate', value: (v: Vehicle) => v.plate },
            { title: 'dept', value: (v: Vehicle) => v.departmentId },
          ],
          list,
        ),
      );
    });

  vehicle
    .command('import')
    .description('import vehicles from the filled template (CSV or XLSX): all rows or none')
    .argument('<file>', 'a .csv (UTF-8) or .xlsx file with the template header 车架号(VIN), 车牌号, 部门ID')
    .addHelpText(
      'after',
      '\nRows whose VIN is already registered update that vehicle. On any bad row nothing is imported\nand every problem is listed as "row N, column: message" (row 1 = the header).',
    )
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      let bytes: Buffer;
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        bytes = readFileSync(file);
      } catch (e) {
        throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
      }
      const sniffXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b;
      const type = (formatOfPath(file) ?? (sniffXlsx ? 'xlsx' : 'csv')) === 'xlsx' ? XLSX_TYPE : 'text/csv';
      const r = await ctx.api.upload<{ imported: number; updated: number }>('/api/v1/vehicles/import', bytes, type, `uploading ${basename(file)}`, 'sent; the server is checking every row…');
      ctx.show(r, () => ctx.line(`${basename(file)}: ${r.imported} vehicle(s) imported, ${r.updated} updated`));
    });

  vehicle
    .command('template')
    .description('download the import template (下载车辆模板)')
    .option('-o, --output <file>', 'where to save it ("-" = stdout)', 'vehicles-template.xlsx')
    .option('-f, --format <csv|xlsx>', 'file format (default: from the file name, else xlsx)', formatArg)
    .action(async (o: { output: string; format?: 'csv' | 'xlsx' }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const format = o.format ?? formatOfPath(o.output) ?? 'xlsx';
      const d = await ctx.api.download(`/api/v1/vehicles/template.${format}`, 'template');
      saveFile(o.output, d.body);
      if (o.output !== '-') ctx.show({ file: o.output, bytes: d.body.length, format }, () => ctx.line(`wrote ${o.output} (${format}, ${d.body.length} bytes)`));
    });

  registerUnknownVins(vehicle);
}

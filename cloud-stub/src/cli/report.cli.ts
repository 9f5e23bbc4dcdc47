// `report one-card-one-car|company`: the reports (报表 一卡一车, the per-company charging report) for a
// department subtree and a span of local days, saved as CSV or XLSX (download progress on stderr) or
// printed as a table with totals.
import { InvalidArgumentError, type Command } from 'commander';
import { contextOf, idArg } from './cli-context.js';
import { formatKwh, formatYuan } from './money.js';
import { formatOfPath, saveFile } from './save-file.js';

interface Report {
  columns: { key: string; title: string }[];
  rows: Record<string, string | number | null>[];
  fromDay: string;
  toDay: string;
  totals: { sessions: number; energyWh: number; amountFen: number };
}

function dayArg(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError(`"${value}" is not a day YYYY-MM-DD`);
  return value;
}

function formatArg(value: string): 'json' | 'csv' | 'xlsx' {
  if (value === 'json' || value === 'csv' || value === 'xlsx') return value;
  throw new InvalidArgumentError('format is csv, xlsx or json');
}

interface ReportOptions {
  dept?: number;
  from?: string;
  to?: string;
  format?: 'json' | 'csv' | 'xlsx';
  output?: string;
}

function reportCommand(parent: Command, name: string, what: string): void {
  parent
    .command(name)
    .description(what)
    .option('-d, --dept <id>', 'department id: it and its sub-departments (fleet accounts: their own by default)', idArg('--dept'))
    .option('--from <day>', 'first local day included, YYYY-MM-DD', dayArg)
    .option('--to <day>', 'last local day included, YYYY-MM-DD', dayArg)
    .option('-f, --format <csv|xlsx|json>', 'file format (default: from -o, else a table on stdout)', formatArg)
    .option('-o, --output <file>', 'save to this file ("-" = stdout); default: the server\'s file name')
    .action(async (o: ReportOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      const format = o.format ?? formatOfPath(o.output) ?? (o.output ? 'csv' : 'json');
      const q = new URLSearchParams();
      if (o.dept) q.set('departmentId', String(o.dept));
      if (o.from) q.set('from', o.from);
      if (o.to) q.set('to', o.to);
      q.set('format', format);
      const path = `/api/v1/reports/${name}?${q}`;
      if (format === 'json') {
        const r = await ctx.api.json<Report>('GET', path);
        if (o.output) return saveFile(o.output, Buffer.from(`${JSON.stringify(r, null, 2)}\n`));
        return ctx.show(r, () => {
          ctx.table(
            r.columns.map((c) => ({ title: c.title, value: (row: Record<string, string | number | null>) => row[c.key] })),
            r.rows,
          );
          const t = r.totals;
          ctx.line(`${r.fromDay} … ${r.toDay}: ${t.sessions} session(s), ${formatKwh(t.energyWh)} kWh, ${formatYuan(t.amountFen)} yuan`);
        });
      }
      const d = await ctx.api.download(path, `downloading ${name}`);
      const file = o.output ?? d.fileName ?? `${name}.${format}`;
      saveFile(file, d.body);
      if (file !== '-') ctx.show({ file, bytes: d.body.length, format }, () => ctx.line(`wrote ${file} (${format}, ${d.body.length} bytes)`));
    });
}

export function register(program: Command): void {
  const report = program.command('report').description('reports: one card one car (一卡一车), per company');
  reportCommand(report, 'one-card-one-car', 'per card (= per vehicle in mode 2): plate/member, sessions, kWh, amount');
  reportCommand(report, 'company', 'a company and its fleets: per vehicle and per day, sessions, kWh, amount');
}

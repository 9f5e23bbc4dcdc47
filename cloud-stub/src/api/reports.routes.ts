// The reports as JSON, CSV or XLSX downloads: GET /api/v1/reports/one-card-one-car and
// GET /api/v1/reports/company (?departmentId&from&to&format). CSV/XLSX via formats/table.ts.
import type { FastifyPluginAsync } from 'fastify';
import { companyReport, oneCardOneCarReport, type Report, type ReportQuery } from '../domain/reports/reports.service.js';
import { renderTable } from '../formats/table.js';
import { XLSX_CONTENT_TYPE } from '../formats/vehicle-import.js';
import { actorOf, type ApiDeps } from './context.js';

type Q = ReportQuery & { format?: 'json' | 'csv' | 'xlsx' };
const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    departmentId: { type: 'integer', description: 'that department and its sub-departments (fleet accounts: defaults to their own)' },
    from: { type: 'string', description: 'YYYY-MM-DD, first local day included' },
    to: { type: 'string', description: 'YYYY-MM-DD, last local day included' },
    format: { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json' },
  },
} as const;

export const reportsRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  const reports: [string, string, (q: ReportQuery, actor: ReturnType<typeof actorOf>) => Promise<Report>][] = [
    ['one-card-one-car', '一卡一车', (q, a) => oneCardOneCarReport(deps.reports, a, q, deps.utcOffsetMinutes)],
    ['company', '公司充电报表', (q, a) => companyReport(deps.reports, a, q, deps.utcOffsetMinutes)],
  ];
  for (const [name, sheet, build] of reports) {
    app.get<{ Querystring: Q }>(`/api/v1/reports/${name}`, { schema: { tags: ['reports'], querystring } }, async (req, reply) => {
      const { format = 'json', ...q } = req.query;
      const report = await build(q, actorOf(req));
      if (format === 'json') return report;
      const body = await renderTable({ columns: report.columns, rows: report.rows }, format, sheet);
      const file = `${name}-${report.departmentId ?? 'all'}-${report.fromDay}-${report.toDay}.${format}`.replace(/0000-01-01|9999-12-31/g, 'open');
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(body);
    });
  }
};

// Vehicles: CRUD, the auto-search (`?q=` part of a VIN or plate), the import template downloads,
// and the all-or-nothing import (CSV or XLSX body with its content type → 200 {imported, updated}
// or 422 {errors:[{row, column, message}]}), streamed and bounded. Operators and fleet accounts (own subtree) alike.
import type { FastifyPluginAsync } from 'fastify';
import * as svc from '../domain/vehicles/vehicles.service.js';
import { importVehicles } from '../domain/vehicles/vehicle-import.service.js';
import { visibleDepartments } from '../domain/access/actor.js';
import type { IncomingMessage } from 'node:http';
import { FileProblem, MAX_XLSX_BYTES, parseVehicleFile, vehicleTemplate, VEHICLE_COLUMNS, XLSX_CONTENT_TYPE } from '../formats/vehicle-import.js';
import { MAX_IMPORT_ROWS } from '../formats/vehicle-rows.js';
import { CloudError } from '../shared/cloud-error.js';
import { actorOf, nowIso, type ApiDeps } from './context.js';
import { arrayOf, vehicleSchema } from './schemas.js';

/** Past this many bytes an upload is cut off (the rows are bounded long before: MAX_IMPORT_ROWS). */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
const vinParams = { type: 'object', required: ['vin'], properties: { vin: { type: 'string', maxLength: 32 } } } as const;
type Vin = { Params: { vin: string } };
const titles = Object.fromEntries(VEHICLE_COLUMNS.map((c) => [c.key, c.title])) as { vin: string; plate: string; departmentId: string };
const importErrors = {
  type: 'object',
  properties: { errors: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, column: { type: 'string' }, message: { type: 'string' } } } } },
} as const;

export const vehiclesRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  const tags = ['vehicles'];
  app.get<{ Querystring: { q?: string; departmentId?: number; limit?: number } }>(
    '/api/v1/vehicles',
    {
      schema: {
        tags,
        querystring: {
          type: 'object',
          properties: { q: { type: 'string', maxLength: 32, description: 'part of a VIN or plate' }, departmentId: { type: 'integer' }, limit: { type: 'integer', minimum: 1, maximum: 10000 } },
        },
        response: { 200: arrayOf(vehicleSchema) },
      },
    },
    async (req) => svc.listVehicles(deps.db, actorOf(req), req.query),
  );
  app.post<{ Body: { vin: string; plate: string; departmentId: number } }>(
    '/api/v1/vehicles',
    {
      schema: {
        tags,
        body: {
          type: 'object',
          required: ['vin', 'plate', 'departmentId'],
          additionalProperties: false,
          properties: { vin: { type: 'string', maxLength: 32 }, plate: { type: 'string', maxLength: 16 }, departmentId: { type: 'integer' } },
        },
        response: { 201: vehicleSchema },
      },
    },
    async (req, reply) => reply.status(201).send(svc.createVehicle(deps.db, actorOf(req), req.body, nowIso(deps))),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/v1/vehicles/template.${format}`, { schema: { tags } }, async (req, reply) => {
      actorOf(req);
      const body = await vehicleTemplate(format);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="vehicles-template.${format}"`)
        .send(body);
    });
  }
  app.get<Vin>('/api/v1/vehicles/:vin', { schema: { tags, params: vinParams, response: { 200: vehicleSchema } } }, async (req) => svc.getVehicle(deps.db, actorOf(req), req.params.vin));
  app.patch<Vin & { Body: { plate?: string; departmentId?: number } }>(
    '/api/v1/vehicles/:vin',
    {
      schema: {
        tags,
        params: vinParams,
        body: { type: 'object', additionalProperties: false, properties: { plate: { type: 'string', maxLength: 16 }, departmentId: { type: 'integer' } } },
        response: { 200: vehicleSchema },
      },
    },
    async (req) => svc.updateVehicle(deps.db, actorOf(req), req.params.vin, req.body, nowIso(deps)),
  );
  app.delete<Vin>('/api/v1/vehicles/:vin', { schema: { tags, params: vinParams } }, async (req, reply) => {
    svc.deleteVehicle(deps.db, actorOf(req), req.params.vin);
    return reply.status(204).send();
  });

  // The import takes the raw file as a stream (no body parser buffers it): a CSV is checked row by row
  // as it arrives, so a huge file costs neither memory nor the other requests' time.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    raw.post<{ Body: IncomingMessage }>(
      '/api/v1/vehicles/import',
      {
        schema: {
          tags,
          description: `Body: the filled template as text/csv or ${XLSX_CONTENT_TYPE}. All rows are applied or none. At most ${MAX_IMPORT_ROWS} rows; an XLSX at most ${MAX_XLSX_BYTES / 1024 / 1024} MB.`,
          response: { 200: { type: 'object', properties: { imported: { type: 'integer' }, updated: { type: 'integer' } } }, 422: importErrors },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const stream = req.body;
        try {
          const parsed = await parseVehicleFile(bounded(stream, IMPORT_BODY_LIMIT), req.headers['content-type'] ?? '');
          const allowed = visibleDepartments(deps.db, actor) ?? undefined;
          const checkOnly = (rows: typeof parsed.rows) => {
            const r = importVehicles(deps.db, rows, { allowedDepartments: allowed, columns: titles, checkOnly: true });
            return r.ok ? [] : r.errors;
          };
          const applied = parsed.errors.length === 0 ? importVehicles(deps.db, parsed.rows, { allowedDepartments: allowed, at: nowIso(deps), columns: titles }) : null;
          if (applied?.ok) return { imported: applied.imported, updated: applied.updated };
          // collect the registry problems of the syntactically good rows too, so one round shows everything
          const more = applied ? applied.errors : checkOnly(parsed.rows);
          const errors = [...parsed.errors, ...more].sort((a, b) => a.row - b.row);
          return reply.status(422).send({ errors });
        } catch (e) {
          if (e instanceof FileProblem) throw new CloudError('too-large', 'body-too-large', e.message);
          throw e;
        } finally {
          discardRest(stream, IMPORT_BODY_LIMIT);
        }
      },
    );
  });
};

/** The upload's chunks, a FileProblem (413) past `max` bytes; returning early leaves the stream open. */
async function* bounded(stream: IncomingMessage, max: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new FileProblem({ row: 1, column: '', message: `the file is larger than ${max / 1024 / 1024} MB: split it into several files` }, 413);
    yield chunk;
  }
}

/** What an early answer left unread is read and dropped (the connection stays usable), up to `max` bytes; past that the connection is closed. */
function discardRest(stream: IncomingMessage, max: number): void {
  if (stream.readableEnded || stream.destroyed) return;
  let size = 0;
  stream.on('data', (c: Buffer) => {
    size += c.length;
    if (size > max) stream.destroy();
  });
  stream.resume();
}

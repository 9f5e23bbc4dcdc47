// GET /api/v1/refusals?from&to&stationId&pileId&page&pageSize — refused charging attempts, newest
// first, limited to what the caller may see; and GET /api/v1/vehicles/unknown?stationId — VINs read
// at piles that the registry does not know (operator). Both are filled by the MQTT sync.
import type { FastifyPluginAsync } from 'fastify';
import { listRefusals, type RefusalQuery } from '../domain/refusals/refusals.service.js';
import { listUnknownVins } from '../domain/vehicles/unknown-vins.service.js';
import { actorOf, type ApiDeps } from './context.js';
import { arrayOf } from './schemas.js';
import { refusalSchema, unknownVinSchema } from './sync-schemas.js';

export const refusalsRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  app.get<{ Querystring: RefusalQuery }>(
    '/api/v1/refusals',
    {
      schema: {
        tags: ['sessions'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', description: 'YYYY-MM-DD (local day) or ISO 8601 time, inclusive' },
            to: { type: 'string', description: 'YYYY-MM-DD (that whole local day included) or ISO 8601 time, exclusive' },
            stationId: { type: 'integer' },
            pileId: { type: 'string', maxLength: 64 },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        },
        response: {
          200: { type: 'object', properties: { items: arrayOf(refusalSchema), page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' } } },
        },
      },
    },
    async (req) => listRefusals(deps.refusals, actorOf(req), req.query, deps.utcOffsetMinutes),
  );
  app.get<{ Querystring: { stationId?: number; limit?: number } }>(
    '/api/v1/vehicles/unknown',
    {
      schema: {
        tags: ['vehicles'],
        description: 'VINs piles read that no registered vehicle has, most recent first; registering the VIN removes it from the list',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { stationId: { type: 'integer' }, limit: { type: 'integer', minimum: 1, maximum: 10000, default: 1000 } },
        },
        response: { 200: arrayOf(unknownVinSchema) },
      },
    },
    async (req) => listUnknownVins(deps.refusals, actorOf(req), req.query),
  );
};

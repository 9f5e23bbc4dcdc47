// GET /api/v1/sessions?from&to&stationId&departmentId&vin&cardNo&page&pageSize — recorded sessions,
// newest first, limited to what the caller may see.
import type { FastifyPluginAsync } from 'fastify';
import { listSessions, type SessionQuery } from '../domain/sessions/sessions.service.js';
import { actorOf, type ApiDeps } from './context.js';
import { arrayOf, sessionSchema } from './schemas.js';

export const sessionsRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  app.get<{ Querystring: SessionQuery }>(
    '/api/v1/sessions',
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
            departmentId: { type: 'integer', description: 'that department and its sub-departments' },
            vin: { type: 'string', maxLength: 17 },
            cardNo: { type: 'string', maxLength: 32 },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        },
        response: {
          200: { type: 'object', properties: { items: arrayOf(sessionSchema), page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' } } },
        },
      },
    },
    async (req) => listSessions(deps.sessions, actorOf(req), req.query, deps.utcOffsetMinutes),
  );
};

// GET /api/v1/sessions/disputed?stationId&limit — finished sessions the cloud would not bill (the
// pile's payer, mode, times or energy disagreed with the registry and the bounds): each with its reason,
// its detail and the record as the pile sent it, most recent first. Operator only: a dispute names what a
// pile claimed, which may be another fleet's data.
import type { FastifyPluginAsync } from 'fastify';
import { listDisputedSessions } from '../domain/sessions/sessions.service.js';
import { actorOf, type ApiDeps } from './context.js';

const disputeSchema = {
  type: 'object',
  properties: {
    pileId: { type: 'string' },
    sessionId: { type: 'string' },
    stationId: { type: 'integer' },
    reason: {
      type: 'string',
      description: 'payer-mismatch, mode-mismatch, card-unknown, department-not-bound, vin-unregistered, vehicle-other-department, time-implausible, energy-implausible, balance-out-of-range, …',
    },
    detail: { type: 'string' },
    record: { type: 'object', additionalProperties: true, description: 'the finished-session record as the pile sent it' },
    receivedAt: { type: 'string' },
  },
} as const;

export const disputesRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  app.get<{ Querystring: { stationId?: number; limit?: number } }>(
    '/api/v1/sessions/disputed',
    {
      schema: {
        tags: ['sessions'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { stationId: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: { 200: { type: 'array', items: disputeSchema } },
      },
    },
    async (req) => listDisputedSessions(deps.sessions, actorOf(req), req.query),
  );
};

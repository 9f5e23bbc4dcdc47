// Stations (with administrator, fixed password and tariff) and the registration of their piles
// (returns the MQTT secret once). Reading, revoking and commanding piles: piles.routes.ts.
import type { FastifyPluginAsync } from 'fastify';
import * as svc from '../domain/stations/stations.service.js';
import { registerPile } from '../domain/stations/piles.service.js';
import { actorOf, nowIso, type ApiDeps } from './context.js';
import { arrayOf, idParams, pileSchema, stationSchema, tariffSchema } from './schemas.js';

type Id = { Params: { id: number } };
const props = {
  name: { type: 'string' },
  adminMemberId: { type: ['integer', 'null'], description: 'the member whose card charges every vehicle here (mode 1)' },
  fixedPassword: { type: ['string', 'null'], description: 'write-only, 4–12 digits; null removes it' },
  tariff: tariffSchema,
} as const;

export const stationsRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  const tags = ['stations'];
  app.get('/api/v1/stations', { schema: { tags, response: { 200: arrayOf(stationSchema) } } }, async (req) => svc.listStations(deps.db, actorOf(req)));
  app.post<{ Body: svc.StationInput }>(
    '/api/v1/stations',
    { schema: { tags, body: { type: 'object', required: ['name'], additionalProperties: false, properties: props }, response: { 201: stationSchema } } },
    async (req, reply) => reply.status(201).send(await svc.createStation(deps.db, actorOf(req), req.body, nowIso(deps))),
  );
  app.get<Id>('/api/v1/stations/:id', { schema: { tags, params: idParams, response: { 200: stationSchema } } }, async (req) => svc.getStation(deps.db, actorOf(req), req.params.id));
  app.patch<Id & { Body: Partial<svc.StationInput> }>(
    '/api/v1/stations/:id',
    { schema: { tags, params: idParams, body: { type: 'object', additionalProperties: false, properties: props }, response: { 200: stationSchema } } },
    async (req) => svc.updateStation(deps.db, actorOf(req), req.params.id, req.body),
  );
  app.post<Id & { Body: { pileId: string; connectors: number; maxPowerKw?: number } }>(
    '/api/v1/stations/:id/piles',
    {
      schema: {
        tags,
        params: idParams,
        body: {
          type: 'object',
          required: ['pileId', 'connectors'],
          additionalProperties: false,
          properties: {
            pileId: { type: 'string', maxLength: 64 },
            connectors: { type: 'integer' },
            maxPowerKw: { type: 'integer', description: 'most one connector delivers, kW (default 400): bounds the energy a session may claim' },
          },
        },
        response: { 201: pileSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await registerPile(deps.db, actorOf(req), req.params.id, req.body, nowIso(deps))),
  );
};

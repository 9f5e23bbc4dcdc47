// Piles for operators: their link state and versions (GET /piles, GET /piles/{pileId}), revocation
// (DELETE /piles/{pileId}, POST /piles/{pileId}/rotate-secret — both call `onPileRevoked` after
// commit so the broker drops the pile), and remote commands (stop, sync now) with their outcome.
// Registration stays with the stations (POST /stations/{id}/piles).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { deletePile, getPileState, listPileStates } from '../domain/piles/pile-state.service.js';
import { getPileCommand, issuePileCommand, listPileCommands, type CommandRequest } from '../domain/piles/pile-commands.service.js';
import { rotatePileSecret } from '../domain/stations/piles.service.js';
import { actorOf, type ApiDeps } from './context.js';
import { arrayOf, pileSchema } from './schemas.js';
import { pileCommandSchema, pileStateSchema } from './sync-schemas.js';

const pileParams = { type: 'object', required: ['pileId'], properties: { pileId: { type: 'string', maxLength: 64 } } } as const;
const commandParams = {
  type: 'object',
  required: ['pileId', 'commandId'],
  properties: { pileId: { type: 'string', maxLength: 64 }, commandId: { type: 'string', maxLength: 64 } },
} as const;
const commandBody = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['stop', 'sync'], description: 'stop: end charging on a connector (or all); sync: the pile resyncs its whitelist now' },
    connectorId: { type: ['integer', 'null'], description: "stop only: 1…the pile's connectors; absent or null = every connector" },
  },
} as const;
type Pile = { Params: { pileId: string } };

export const pilesRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  const tags = ['piles'];
  const now = () => deps.clock.now();
  /** The revocation is committed; a failing hook is logged, never turned into a failed request. */
  const revoked = (req: FastifyRequest, pileId: string) => {
    try {
      deps.onPileRevoked?.(pileId);
    } catch (e) {
      req.log.error({ err: e, pileId }, 'onPileRevoked failed');
    }
  };
  const rotate = async (req: FastifyRequest<Pile>, reply: FastifyReply) => {
    const p = await rotatePileSecret(deps.db, actorOf(req), req.params.pileId);
    revoked(req, p.pileId);
    return reply.status(201).send(p);
  };

  app.get<{ Querystring: { stationId?: number } }>(
    '/api/v1/piles',
    {
      schema: {
        tags,
        querystring: { type: 'object', additionalProperties: false, properties: { stationId: { type: 'integer' } } },
        response: { 200: arrayOf(pileStateSchema) },
      },
    },
    async (req) => listPileStates(deps.db, deps.views, actorOf(req), req.query),
  );
  app.get<Pile>('/api/v1/piles/:pileId', { schema: { tags, params: pileParams, response: { 200: pileStateSchema } } }, async (req) =>
    getPileState(deps.db, deps.views, actorOf(req), req.params.pileId),
  );
  app.delete<Pile>('/api/v1/piles/:pileId', { schema: { tags, params: pileParams, response: { 204: { type: 'null' } } } }, async (req, reply) => {
    deletePile(deps.db, actorOf(req), req.params.pileId);
    revoked(req, req.params.pileId);
    return reply.status(204).send();
  });
  const secretSchema = { tags, params: pileParams, response: { 201: pileSchema } };
  app.post<Pile>('/api/v1/piles/:pileId/rotate-secret', { schema: { ...secretSchema, description: 'a new MQTT secret (shown once); the old one stops working and the pile is disconnected' } }, rotate);
  app.post<Pile>('/api/v1/piles/:pileId/secret', { schema: { ...secretSchema, description: 'the same as rotate-secret (older name)' } }, rotate);

  app.post<Pile & { Body: CommandRequest }>(
    '/api/v1/piles/:pileId/commands',
    {
      schema: {
        tags,
        params: pileParams,
        body: commandBody,
        response: { 202: { type: 'object', properties: { commandId: { type: 'string' } } } },
      },
    },
    async (req, reply) => reply.status(202).send(issuePileCommand(deps.db, deps.commands, actorOf(req), req.params.pileId, req.body)),
  );
  app.get<Pile & { Querystring: { limit: number } }>(
    '/api/v1/piles/:pileId/commands',
    {
      schema: {
        tags,
        params: pileParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
        response: { 200: arrayOf(pileCommandSchema) },
      },
    },
    async (req) => listPileCommands(deps.db, actorOf(req), req.params.pileId, req.query.limit, now()),
  );
  app.get<{ Params: { pileId: string; commandId: string } }>(
    '/api/v1/piles/:pileId/commands/:commandId',
    { schema: { tags, params: commandParams, response: { 200: pileCommandSchema } } },
    async (req) => getPileCommand(deps.db, actorOf(req), req.params.pileId, req.params.commandId, now()),
  );
};

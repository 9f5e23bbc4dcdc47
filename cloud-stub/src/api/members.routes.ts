// Members and their cards, and a member's own balance (top-ups, corrections, ledger).
import type { FastifyPluginAsync } from 'fastify';
import * as svc from '../domain/members/members.service.js';
import { correct, listEntries, topUp } from '../domain/ledger/ledger.service.js';
import { requireOperator } from '../domain/access/actor.js';
import { actorOf, nowIso, type ApiDeps } from './context.js';
import { arrayOf, correctionBody, idParams, ledgerEntrySchema, memberSchema, topUpBody } from './schemas.js';

type Id = { Params: { id: number } };
const props = {
  kind: { type: 'string', enum: ['virtual', 'real'] },
  name: { type: 'string', description: 'e.g. 站点通卡A, 公交车队1, or a plate 沪A32567' },
  departmentId: { type: ['integer', 'null'] },
} as const;

export const membersRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  const tags = ['members'];
  app.get<{ Querystring: { q?: string } }>(
    '/api/v1/members',
    { schema: { tags, querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 64 } } }, response: { 200: arrayOf(memberSchema) } } },
    async (req) => svc.listMembers(deps.db, actorOf(req), req.query.q),
  );
  app.post<{ Body: svc.MemberInput }>(
    '/api/v1/members',
    { schema: { tags, body: { type: 'object', required: ['kind', 'name'], additionalProperties: false, properties: props }, response: { 201: memberSchema } } },
    async (req, reply) => reply.status(201).send(svc.createMember(deps.db, actorOf(req), req.body, nowIso(deps))),
  );
  app.get<Id>('/api/v1/members/:id', { schema: { tags, params: idParams, response: { 200: memberSchema } } }, async (req) => svc.getMember(deps.db, actorOf(req), req.params.id));
  app.patch<Id & { Body: Partial<svc.MemberInput> }>(
    '/api/v1/members/:id',
    { schema: { tags, params: idParams, body: { type: 'object', additionalProperties: false, properties: props }, response: { 200: memberSchema } } },
    async (req) => svc.updateMember(deps.db, actorOf(req), req.params.id, req.body),
  );
  app.delete<Id>('/api/v1/members/:id', { schema: { tags, params: idParams } }, async (req, reply) => {
    svc.deleteMember(deps.db, actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post<Id & { Body: { cardNo: string } }>(
    '/api/v1/members/:id/cards',
    {
      schema: {
        tags,
        params: idParams,
        body: { type: 'object', required: ['cardNo'], additionalProperties: false, properties: { cardNo: { type: 'string', maxLength: 64 } } },
        response: { 201: memberSchema },
      },
    },
    async (req, reply) => reply.status(201).send(svc.addCard(deps.db, actorOf(req), req.params.id, req.body.cardNo, nowIso(deps))),
  );
  app.delete<{ Params: { id: number; cardNo: string } }>(
    '/api/v1/members/:id/cards/:cardNo',
    {
      schema: {
        tags,
        params: { type: 'object', required: ['id', 'cardNo'], properties: { id: { type: 'integer', minimum: 1 }, cardNo: { type: 'string' } } },
        response: { 200: memberSchema },
      },
    },
    async (req) => svc.removeCard(deps.db, actorOf(req), req.params.id, req.params.cardNo),
  );
  app.post<Id & { Body: { amountFen: number; note?: string } }>(
    '/api/v1/members/:id/top-ups',
    { schema: { tags, params: idParams, body: topUpBody, response: { 201: ledgerEntrySchema } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requireOperator(actor);
      svc.getMember(deps.db, actor, req.params.id);
      return reply.status(201).send(await topUp(deps.ledger, { kind: 'member', id: req.params.id }, req.body.amountFen, req.body.note ?? null, actor.accountId, nowIso(deps)));
    },
  );
  app.post<Id & { Body: { amountFen: number; reason: string } }>(
    '/api/v1/members/:id/corrections',
    { schema: { tags, params: idParams, body: correctionBody, response: { 201: ledgerEntrySchema } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requireOperator(actor);
      svc.getMember(deps.db, actor, req.params.id);
      return reply.status(201).send(await correct(deps.ledger, { kind: 'member', id: req.params.id }, req.body.amountFen, req.body.reason, actor.accountId, nowIso(deps)));
    },
  );
  app.get<Id>('/api/v1/members/:id/ledger', { schema: { tags, params: idParams, response: { 200: arrayOf(ledgerEntrySchema) } } }, async (req) => {
    svc.getMember(deps.db, actorOf(req), req.params.id);
    return listEntries(deps.ledger, { kind: 'member', id: req.params.id });
  });
};

// Departments: CRUD, fund-pool top-ups and corrections, the ledger, bound stations.
import type { FastifyPluginAsync } from 'fastify';
import * as svc from '../domain/departments/departments.service.js';
import { correct, listEntries, topUp } from '../domain/ledger/ledger.service.js';
import { requireOperator } from '../domain/access/actor.js';
import { actorOf, nowIso, type ApiDeps } from './context.js';
import { arrayOf, correctionBody, departmentSchema, idParams, ledgerEntrySchema, topUpBody } from './schemas.js';

const writable = {
  name: { type: 'string' },
  parentId: { type: ['integer', 'null'] },
  vinOnly: { type: 'boolean', description: 'only VIN-registered vehicles may charge (mode 3)' },
  floorFen: { type: 'integer', description: 'a pool at or below this cannot start sessions' },
  stopPassword: { type: 'string', description: 'write-only, 4–12 digits; each change is a new version' },
} as const;

type Id = { Params: { id: number } };

export const departmentsRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  const tags = ['departments'];
  app.get('/api/v1/departments', { schema: { tags, response: { 200: arrayOf(departmentSchema) } } }, async (req) => svc.listDepartments(deps.db, actorOf(req)));

  app.post<{ Body: svc.DepartmentInput & { name: string } }>(
    '/api/v1/departments',
    { schema: { tags, body: { type: 'object', required: ['name'], additionalProperties: false, properties: writable }, response: { 201: departmentSchema } } },
    async (req, reply) => reply.status(201).send(await svc.createDepartment(deps.db, actorOf(req), req.body, nowIso(deps))),
  );

  app.get<Id>('/api/v1/departments/:id', { schema: { tags, params: idParams, response: { 200: departmentSchema } } }, async (req) => svc.getDepartment(deps.db, actorOf(req), req.params.id));

  app.patch<Id & { Body: svc.DepartmentInput }>(
    '/api/v1/departments/:id',
    { schema: { tags, params: idParams, body: { type: 'object', additionalProperties: false, properties: writable }, response: { 200: departmentSchema } } },
    async (req) => svc.updateDepartment(deps.db, actorOf(req), req.params.id, req.body, nowIso(deps)),
  );

  app.delete<Id>('/api/v1/departments/:id', { schema: { tags, params: idParams } }, async (req, reply) => {
    svc.deleteDepartment(deps.db, actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.post<Id & { Body: { amountFen: number; note?: string } }>(
    '/api/v1/departments/:id/top-ups',
    { schema: { tags, params: idParams, body: topUpBody, response: { 201: ledgerEntrySchema } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requireOperator(actor);
      svc.getDepartment(deps.db, actor, req.params.id);
      return reply.status(201).send(await topUp(deps.ledger, { kind: 'department', id: req.params.id }, req.body.amountFen, req.body.note ?? null, actor.accountId, nowIso(deps)));
    },
  );

  app.post<Id & { Body: { amountFen: number; reason: string } }>(
    '/api/v1/departments/:id/corrections',
    { schema: { tags, params: idParams, body: correctionBody, response: { 201: ledgerEntrySchema } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requireOperator(actor);
      svc.getDepartment(deps.db, actor, req.params.id);
      return reply.status(201).send(await correct(deps.ledger, { kind: 'department', id: req.params.id }, req.body.amountFen, req.body.reason, actor.accountId, nowIso(deps)));
    },
  );

  app.get<Id>('/api/v1/departments/:id/ledger', { schema: { tags, params: idParams, response: { 200: arrayOf(ledgerEntrySchema) } } }, async (req) => {
    svc.getDepartment(deps.db, actorOf(req), req.params.id);
    return listEntries(deps.ledger, { kind: 'department', id: req.params.id });
  });

  const stationsReply = { type: 'object', properties: { stationIds: { type: 'array', items: { type: 'integer' } } } } as const;
  app.get<Id>('/api/v1/departments/:id/stations', { schema: { tags, params: idParams, response: { 200: stationsReply } } }, async (req) => ({
    stationIds: svc.getDepartmentStations(deps.db, actorOf(req), req.params.id),
  }));

  app.put<Id & { Body: { stationIds: number[] } }>(
    '/api/v1/departments/:id/stations',
    {
      schema: {
        tags,
        params: idParams,
        body: { type: 'object', required: ['stationIds'], additionalProperties: false, properties: { stationIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 1000 } } },
        response: { 200: stationsReply },
      },
    },
    async (req) => ({ stationIds: svc.setDepartmentStations(deps.db, actorOf(req), req.params.id, req.body.stationIds) }),
  );
};

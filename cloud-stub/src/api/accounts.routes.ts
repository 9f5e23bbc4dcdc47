// Login accounts: POST/GET /api/v1/accounts (operator only). A fleet account is tied to one
// department and sees that department's subtree (README "Permission model").
import type { FastifyPluginAsync } from 'fastify';
import { createAccount, listAccounts, type AccountInput } from '../domain/accounts/accounts.service.js';
import { actorOf, nowIso, type ApiDeps } from './context.js';
import { accountSchema, arrayOf } from './schemas.js';

export const accountsRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  app.post<{ Body: AccountInput }>(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: { type: 'string' },
            password: { type: 'string' },
            role: { type: 'string', enum: ['operator', 'fleet'] },
            departmentId: { type: ['integer', 'null'], description: 'required for fleet accounts' },
          },
        },
        response: { 201: accountSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createAccount(deps.db, actorOf(req), req.body, nowIso(deps))),
  );

  app.get('/api/v1/accounts', { schema: { tags: ['accounts'], response: { 200: arrayOf(accountSchema) } } }, async (req) => listAccounts(deps.db, actorOf(req)));
};

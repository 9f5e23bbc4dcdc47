// Login accounts (operator only): POST/GET /api/v1/accounts, GET/PATCH/DELETE /api/v1/accounts/{id}
// (PATCH {disabled?, password?}: disable or re-enable, or set a new password; either ends the account's
// logins). A fleet account is tied to one department and sees that department's subtree (README
// "Permission model"). Each account changes its own password at POST /api/v1/me/password (auth.routes.ts).
import type { FastifyPluginAsync } from 'fastify';
import { createAccount, deleteAccount, findAccount, listAccounts, updateAccount, type AccountChange, type AccountInput } from '../domain/accounts/accounts.service.js';
import { actorOf, nowIso, type ApiDeps } from './context.js';
import { accountSchema, arrayOf, idParams } from './schemas.js';

type Id = { Params: { id: number } };
const tags = ['accounts'];

export const accountsRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  app.post<{ Body: AccountInput }>(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', description: '3–64 of letters, digits and _ . @ -; unique regardless of case' },
            password: { type: 'string', description: '10–200 characters, not commonly guessed (README "Accounts")' },
            role: { type: 'string', enum: ['operator', 'fleet'] },
            departmentId: { type: ['integer', 'null'], description: 'required for fleet accounts' },
          },
        },
        response: { 201: accountSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createAccount(deps.accounts, actorOf(req), req.body, nowIso(deps))),
  );

  app.get('/api/v1/accounts', { schema: { tags, response: { 200: arrayOf(accountSchema) } } }, async (req) => listAccounts(deps.accounts, actorOf(req)));
  app.get<Id>('/api/v1/accounts/:id', { schema: { tags, params: idParams, response: { 200: accountSchema } } }, async (req) => findAccount(deps.accounts, actorOf(req), req.params.id));

  app.patch<Id & { Body: AccountChange }>(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { disabled: { type: 'boolean' }, password: { type: 'string', description: 'a new password for the account' } },
        },
        response: { 200: accountSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const a = await updateAccount(deps.accounts, actor, req.params.id, req.body, nowIso(deps));
      deps.authLog?.(
        'info',
        { by: actor.username, username: a.username, ...(req.body.disabled !== undefined ? { disabled: req.body.disabled } : {}), passwordSet: req.body.password !== undefined },
        'account changed',
      );
      return a;
    },
  );

  app.delete<Id>('/api/v1/accounts/:id', { schema: { tags, params: idParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await deleteAccount(deps.accounts, actor, req.params.id);
    deps.authLog?.('info', { by: actor.username, username: a.username }, 'account deleted');
    return reply.status(204).send();
  });
};

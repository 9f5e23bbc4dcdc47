// POST /api/v1/login → {token, expiresAt} (throttled), POST /api/v1/logout, GET /api/v1/me.
import type { FastifyPluginAsync } from 'fastify';
import { login, logout } from '../domain/accounts/accounts.service.js';
import { actorOf, type ApiDeps } from './context.js';
import { accountSchema } from './schemas.js';

export const authRoutes: FastifyPluginAsync<ApiDeps> = async (app, deps) => {
  app.post<{ Body: { username: string; password: string } }>(
    '/api/v1/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        security: [],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 200 } },
        },
        response: { 200: { type: 'object', properties: { token: { type: 'string' }, expiresAt: { type: 'string' } } } },
      },
    },
    async (req) => login(deps, req.body.username, req.body.password, req.ip),
  );

  app.post('/api/v1/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    actorOf(req);
    logout(deps.db, /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')![1]);
    return reply.status(204).send();
  });

  app.get('/api/v1/me', { schema: { tags: ['auth'], response: { 200: accountSchema } } }, async (req) => {
    const a = actorOf(req);
    return { id: a.accountId, username: a.username, role: a.role, departmentId: a.departmentId };
  });
};

// POST /api/v1/login → {token, expiresAt} (throttled, logged), POST /api/v1/logout, GET /api/v1/me,
// POST /api/v1/me/password {currentPassword, newPassword} (the account's other logins end).
import type { FastifyPluginAsync } from 'fastify';
import { login, logout, throttledError } from '../domain/accounts/login.service.js';
import { changeOwnPassword } from '../domain/accounts/accounts.service.js';
import { actorOf, type ApiDeps } from './context.js';
import { CloudError } from '../shared/cloud-error.js';
import { accountSchema } from './schemas.js';

const bearer = (h: string | undefined): string => /^Bearer\s+(\S+)$/i.exec(h ?? '')![1];

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
    async (req) => login({ accounts: deps.accounts, clock: deps.clock, throttle: deps.throttle, log: deps.authLog }, req.body.username, req.body.password, req.ip),
  );

  app.post('/api/v1/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    actorOf(req);
    await logout(deps.accounts, bearer(req.headers.authorization));
    return reply.status(204).send();
  });

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: { type: 'string', maxLength: 200 }, newPassword: { type: 'string' } },
        },
      },
    },
    async (req, reply) => {
      const a = actorOf(req);
      // A wrong current password counts as a failed login: a stolen token cannot guess it at speed.
      const wait = deps.throttle.retryAfterMs(a.username, req.ip);
      if (wait > 0) throw throttledError(wait, 'failed attempts');
      try {
        await changeOwnPassword(deps.accounts, a, req.body.currentPassword, req.body.newPassword, bearer(req.headers.authorization));
      } catch (e) {
        if (e instanceof CloudError && e.code === 'bad-credentials') {
          deps.throttle.failed(a.username, req.ip);
          deps.authLog?.('warn', { username: a.username, address: req.ip, reason: 'wrong-current-password' }, 'password change refused');
        }
        throw e;
      }
      deps.authLog?.('info', { username: a.username, address: req.ip }, 'password changed');
      return reply.status(204).send();
    },
  );

  app.get('/api/v1/me', { schema: { tags: ['auth'], response: { 200: accountSchema } } }, async (req) => {
    const a = actorOf(req);
    return { id: a.accountId, username: a.username, role: a.role, departmentId: a.departmentId };
  });
};

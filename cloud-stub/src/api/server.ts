// Builds the HTTP API: fastify with schema validation (validation.ts: strict bodies, typed query strings),
// the OpenAPI document at /api/v1/openapi.json, bearer-token authentication on every route not
// marked public, the error mapping, and one plugin per resource. Does not listen (compose does).
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { actorForToken } from '../domain/accounts/login.service.js';
import type { ApiDeps } from './context.js';
import { CloudError } from '../shared/cloud-error.js';
import { clientErrorHandler, installErrorHandler } from './error-handler.js';
import { validatorCompiler } from './validation.js';
import { authRoutes } from './auth.routes.js';
import { accountsRoutes } from './accounts.routes.js';
import { departmentsRoutes } from './departments.routes.js';
import { membersRoutes } from './members.routes.js';
import { stationsRoutes } from './stations.routes.js';
import { vehiclesRoutes } from './vehicles.routes.js';
import { sessionsRoutes } from './sessions.routes.js';
import { reportsRoutes } from './reports.routes.js';
import { pilesRoutes } from './piles.routes.js';
import { refusalsRoutes } from './refusals.routes.js';
import { disputesRoutes } from './disputes.routes.js';

export async function buildApi(deps: ApiDeps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Only JSON bodies (and the CSV/XLSX imports, which register their own parsers): text/plain is 415.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'pilegate cloud API',
        version: '1.0.0',
        description: 'Departments, fund pools, members and cards, stations and piles, vehicles, sessions, reports. Money in integer fen, energy in integer Wh, times ISO 8601 UTC.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config?.public) return;
    const h = req.headers.authorization;
    const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
    req.actor = m ? await actorForToken(deps.accounts, deps.clock, m[1]) : null;
    if (!req.actor && req.routeOptions.url) {
      throw new CloudError('unauthenticated', 'unauthenticated', m ? 'the bearer token is unknown or expired; log in again' : 'a bearer token from POST /api/v1/login is required');
    }
  });
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  for (const plugin of [authRoutes, accountsRoutes, departmentsRoutes, membersRoutes, stationsRoutes, vehiclesRoutes, sessionsRoutes, reportsRoutes, pilesRoutes, refusalsRoutes, disputesRoutes]) {
    await app.register(plugin, deps);
  }
  return app;
}

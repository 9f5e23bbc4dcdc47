// Maps every failure to `{error, message, field?}` with a 4xx status: CloudError as raised by the
// services, fastify's schema validation (the field named from the JSON pointer or the missing /
// extra property), body-size and content-type refusals. Anything else is a 500 with no details.
import type { FastifyError, FastifyInstance } from 'fastify';
import { CloudError } from '../shared/cloud-error.js';

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldOf(issue: AjvIssue): string | undefined {
  const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra = (issue.params?.missingProperty ?? issue.params?.additionalProperty) as string | undefined;
  if (extra) return base ? `${base}.${extra}` : extra;
  return base || undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | CloudError, req, reply) => {
    if (error instanceof CloudError) {
      if (error.status === 429 && error.extra?.retryAfterS) void reply.header('retry-after', String(error.extra.retryAfterS));
      return reply.status(error.status).send({ error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.extra ?? {}) });
    }
    const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fe.validation && fe.validation.length > 0) {
      const issue = fe.validation[0];
      const field = fieldOf(issue);
      const what = issue.params?.additionalProperty ? 'is not a known field' : (issue.message ?? 'is invalid');
      const message = `${fe.validationContext ?? 'request'}${field ? ` field ${field}` : ''} ${issue.params?.missingProperty ? 'is required' : what}`;
      return reply.status(400).send({ error: 'invalid-field', message, ...(field ? { field } : {}) });
    }
    const status = fe.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 415 ? 'unsupported-media-type' : status === 413 ? 'body-too-large' : status === 404 ? 'not-found' : 'bad-request';
      return reply.status(status).send({ error: code, message: fe.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not-found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
}

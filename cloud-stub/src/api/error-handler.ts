// Maps every failure to `{error, message, field?}` with a 4xx status: CloudError as raised by the
// services (its kind of refusal → the status: the only place statuses are chosen), fastify's schema
// validation (the field named from the JSON pointer or the missing / extra property), body-size and
// content-type refusals, and what the HTTP parser refuses (clientErrorHandler).
// Anything else is a 500 with no details.
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance } from 'fastify';
import { CloudError, type RefusalKind } from '../shared/cloud-error.js';

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

/** The HTTP status of each kind of refusal the services raise. */
const HTTP_STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media': 415,
  unprocessable: 422,
  throttled: 429,
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | CloudError, req, reply) => {
    if (error instanceof CloudError) {
      if (error.kind === 'throttled' && error.extra?.retryAfterS) void reply.header('retry-after', String(error.extra.retryAfterS));
      return reply.status(HTTP_STATUS[error.kind]).send({ error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.extra ?? {}) });
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

/**
 * Requests the HTTP parser refuses before any route sees them (a URL with raw bytes, a malformed
 * header, headers too large, a client too slow), answered in the API's own error shape.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text, error, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'timeout', 'the request took too long to arrive']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'headers-too-large', 'the request headers are too large']
        : err.code === 'HPE_INVALID_URL' || err.code === 'HPE_INVALID_METHOD'
          ? [400, 'Bad Request', 'bad-request', 'the request line is malformed: percent-encode every character of the URL outside ASCII (UTF-8)']
          : [400, 'Bad Request', 'bad-request', `the request is malformed (${err.code ?? 'parse error'})`];
  const body = JSON.stringify({ error, message });
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  socket.destroy();
}

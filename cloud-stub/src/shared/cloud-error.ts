// The one error type the cloud's services raise for a refused request: what kind of refusal it is
// (a bad field, not found, forbidden, a conflict, throttled …), a stable code, a message and the field.
// It carries no transport: the HTTP error handler (api/error-handler.ts) maps each kind to its status
// and sends `{error, message, field?}`; another front (a worker's queue, the CLI) maps it its own way.
// Deviation from R10 (expected outcomes as values), written down: in request handlers a thrown typed
// refusal keeps each service linear and the mapping lives in one place.

export type RefusalKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'unsupported-media' | 'unprocessable' | 'throttled';

export class CloudError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const invalid = (field: string, message: string, code = 'invalid-field'): CloudError => new CloudError('invalid', code, message, field);
export const notFound = (what: string, field?: string): CloudError => new CloudError('not-found', 'not-found', `${what} not found`, field);
export const conflict = (code: string, message: string, field?: string): CloudError => new CloudError('conflict', code, message, field);
export const forbidden = (message: string, field?: string): CloudError => new CloudError('forbidden', 'forbidden', message, field);

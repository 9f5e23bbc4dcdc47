// The one error type the cloud's services raise for a refused request (bad field, not found,
// forbidden, conflict, throttled). The HTTP error handler turns it into `{error, message, field?}`
// with its status. Deviation from R10 (expected outcomes as values), written down: in request
// handlers a thrown typed refusal keeps each service linear and the mapping lives in one place.

export type CloudErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

export class CloudError extends Error {
  constructor(
    readonly status: CloudErrorStatus,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const invalid = (field: string, message: string, code = 'invalid-field'): CloudError => new CloudError(400, code, message, field);
export const notFound = (what: string, field?: string): CloudError => new CloudError(404, 'not-found', `${what} not found`, field);
export const conflict = (code: string, message: string, field?: string): CloudError => new CloudError(409, code, message, field);
export const forbidden = (message: string, field?: string): CloudError => new CloudError(403, 'forbidden', message, field);

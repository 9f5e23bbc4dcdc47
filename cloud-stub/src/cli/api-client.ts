// The CLI's HTTP client for the cloud API: base URL, bearer token, JSON requests, raw uploads and
// downloads with progress, and every failure turned into one CliError line (the server's
// `{error, message, field}`, an unreachable server, an expired login). No printing except progress.
import { Progress, type ProgressSink } from './progress.js';

/** A failure the CLI prints as one line and exits 1 on. `details` are printed after it, one per line. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ApiError {
  error?: string;
  message?: string;
  field?: string;
  errors?: { row: number; column: string; message: string }[];
}

export interface ClientOptions {
  url: string;
  token: string | null;
  progress: { enabled: boolean; sink: ProgressSink };
}

export interface Download {
  body: Buffer;
  contentType: string;
  fileName: string | null;
}

const CHUNK = 64 * 1024;

export class ApiClient {
  constructor(private readonly opts: ClientOptions) {}

  get url(): string {
    return this.opts.url;
  }

  async json<T>(method: string, path: string, body?: unknown, opts: { auth?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.send(method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) }, opts.auth ?? true);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /** Uploads raw bytes with a progress bar; returns the parsed JSON reply of a 2xx. */
  async upload<T>(path: string, bytes: Uint8Array, contentType: string, label: string, afterSent?: string): Promise<T> {
    const progress = new Progress(label, bytes.length, this.opts.progress.sink, { enabled: this.opts.progress.enabled });
    const sink = this.opts.progress.sink;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) {
          progress.finish();
          if (afterSent && progress.shown) sink.write(`${afterSent}\n`);
          controller.close();
          return;
        }
        const chunk = bytes.subarray(at, at + CHUNK);
        at += chunk.length;
        progress.add(chunk.length);
        controller.enqueue(chunk);
      },
    });
    const res = await this.send('POST', path, { headers: { 'content-type': contentType, 'content-length': String(bytes.length) }, body: stream, duplex: 'half' } as RequestInit, true);
    return (await res.json()) as T;
  }

  /** Downloads a file with a progress bar. */
  async download(path: string, label: string): Promise<Download> {
    const res = await this.send('GET', path, { headers: { accept: '*/*' } }, true);
    const total = Number(res.headers.get('content-length')) || null;
    const progress = new Progress(label, total, this.opts.progress.sink, { enabled: this.opts.progress.enabled });
    const chunks: Uint8Array[] = [];
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        chunks.push(chunk);
        progress.add(chunk.length);
      }
    }
    progress.finish();
    const disposition = res.headers.get('content-disposition') ?? '';
    return {
      body: Buffer.concat(chunks),
      contentType: res.headers.get('content-type') ?? '',
      fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null,
    };
  }

  private async send(method: string, path: string, init: RequestInit, auth: boolean): Promise<Response> {
    const headers = new Headers(init.headers);
    if (auth) {
      if (!this.opts.token) throw new CliError(`not logged in to ${this.opts.url}: run \`cloud-stub login\` first`);
      headers.set('authorization', `Bearer ${this.opts.token}`);
    }
    let res: Response;
    try {
      res = await fetch(new URL(path, `${this.opts.url}/`), { ...init, method, headers });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new CliError(`cannot reach the cloud at ${this.opts.url} (${why}): is \`cloud-stub serve\` running? set --url or PILEGATE_CLOUD_URL`);
    }
    if (res.ok) return res;
    throw await errorOf(res, auth);
  }
}

async function errorOf(res: Response, auth: boolean): Promise<CliError> {
  let data: ApiError = {};
  const text = await res.text();
  try {
    data = JSON.parse(text) as ApiError;
  } catch {
    data = { message: text.slice(0, 200) || res.statusText };
  }
  if (res.status === 422 && Array.isArray(data.errors)) {
    const lines = data.errors.map((e) => `row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
    const n = data.errors.length;
    return new CliError(`the file was refused, nothing was imported (${n} problem${n === 1 ? '' : 's'}):`, lines);
  }
  if (res.status === 401 && auth) return new CliError(`${data.message ?? 'not logged in'}: run \`cloud-stub login\``);
  const field = data.field ? ` [field: ${data.field}]` : '';
  return new CliError(`${data.message ?? `HTTP ${res.status}`}${field}`);
}

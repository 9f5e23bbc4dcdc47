// The cloud's HTTP API as the benches, tests and the demo call it: log in as an account, then JSON in and
// out (or a raw body, for the vehicle import); any status ≥ 300 throws with the method, path and answer.

export type Api = (method: string, path: string, body?: unknown, raw?: { body: Buffer; type: string }) => Promise<any>;

export async function apiClient(httpUrl: string, password: string, username = 'admin'): Promise<Api & { token: string }> {
  let token = '';
  const call: Api = async (method, path, body, raw) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (raw) headers['content-type'] = raw.type;
    else if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${httpUrl}${path}`, { method, headers, body: raw ? raw.body : body !== undefined ? JSON.stringify(body) : undefined });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
  token = (await call('POST', '/api/v1/login', { username, password })).token;
  return Object.assign(call, { token });
}

// The saved login: one bearer token per cloud URL in ~/.config/pilegate/cloud-token.json (or the
// path in PILEGATE_CLOUD_TOKEN_FILE), written atomically with mode 0600 in a 0700 folder. A broken or
// foreign file reads as "not logged in"; it is never half-written.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SavedLogin {
  token: string;
  username: string;
  expiresAt?: string;
}
type TokenFile = { version: 1; logins: Record<string, SavedLogin> };

export function tokenFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PILEGATE_CLOUD_TOKEN_FILE || join(homedir(), '.config', 'pilegate', 'cloud-token.json');
}

/** The URL as a key: no trailing slash. */
export const urlKey = (url: string): string => url.replace(/\/+$/, '');

function readAll(path: string): TokenFile {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as TokenFile;
    if (data && data.version === 1 && typeof data.logins === 'object' && data.logins) return data;
  } catch {
    // missing or unreadable: nobody is logged in
  }
  return { version: 1, logins: {} };
}

function writeAll(path: string, data: TokenFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function loadLogin(path: string, url: string): SavedLogin | null {
  const l = readAll(path).logins[urlKey(url)];
  return l && typeof l.token === 'string' ? l : null;
}

export function saveLogin(path: string, url: string, login: SavedLogin): void {
  const data = readAll(path);
  data.logins[urlKey(url)] = login;
  writeAll(path, data);
}

export function forgetLogin(path: string, url: string): boolean {
  const data = readAll(path);
  if (!data.logins[urlKey(url)]) return false;
  delete data.logins[urlKey(url)];
  writeAll(path, data);
  return true;
}

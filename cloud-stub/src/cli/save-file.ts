// Writes a downloaded file without ever leaving half of it: to a temporary name in the same folder,
// then renamed. "-" writes to stdout.
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { CliError } from './api-client.js';

export function saveFile(path: string, body: Uint8Array): void {
  if (path === '-') {
    process.stdout.write(body);
    return;
  }
  const tmp = `${path}.${process.pid}.part`;
  try {
    writeFileSync(tmp, body);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw new CliError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/** csv or xlsx from a file name's extension, else undefined. */
export function formatOfPath(path: string | undefined): 'csv' | 'xlsx' | undefined {
  const m = /\.(csv|xlsx)$/i.exec(path ?? '');
  return m ? (m[1].toLowerCase() as 'csv' | 'xlsx') : undefined;
}

// Commissioning on site (`provision PILE STATION URL SECRET` on the technician console): the identity
// a technician gives a pile — its pile id, its station, the cloud's broker and its MQTT secret — is
// kept in `<dataDir>/provisioned.json` and `<dataDir>/cloud.secret` (mode 0600) and laid over the
// config file at every boot (boot.ts): what was set on the pile wins over the file shipped with it.
// Both files are written whole (temporary file, then rename), so a power cut leaves the old identity
// or the new one, never half of each. A file that does not validate stops the boot with its path.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PILE_ID_PATTERN } from '../protocols/sync/topics.js';
import { err, ok, type Result } from '../shared/result.js';
import type { AgentConfig } from './config.schema.js';

export const provisionedSchema = z
  .object({
    pileId: z.string().regex(PILE_ID_PATTERN, 'pile id: letters, digits, _ . - (one MQTT topic level)'),
    stationId: z.int().positive(),
    url: z.string().regex(/^mqtts?:\/\/\S+$/, 'mqtt://host:port or mqtts://host:port'),
  })
  .strict();

export type Provisioned = z.output<typeof provisionedSchema>;

export const provisionedPaths = (dataDir: string) => ({ identity: join(dataDir, 'provisioned.json'), secret: join(dataDir, 'cloud.secret') });

function writeWhole(file: string, text: string, mode: number): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

/** Checks and writes the identity and secret; the secret first, so the identity never names a secret that is not there. */
export function writeProvisioned(dataDir: string, identity: unknown, secret: string): Result<Provisioned, string> {
  const parsed = provisionedSchema.safeParse(identity);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  if (!/^[\x21-\x7e]{8,256}$/.test(secret)) return err('the secret is 8 to 256 printable characters without spaces');
  const paths = provisionedPaths(dataDir);
  mkdirSync(dataDir, { recursive: true });
  writeWhole(paths.secret, `${secret}\n`, 0o600);
  writeWhole(paths.identity, `${JSON.stringify(parsed.data, null, 2)}\n`, 0o644);
  return ok(parsed.data);
}

/** The config with the pile's provisioned identity laid over it (unchanged when the pile was never provisioned). */
export function withProvisioned(config: AgentConfig): Result<AgentConfig, string[]> {
  const paths = provisionedPaths(config.dataDir);
  if (!existsSync(paths.identity)) return ok(config);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(paths.identity, 'utf8'));
  } catch (e) {
    return err([`${paths.identity}: ${(e as Error).message}`]);
  }
  const parsed = provisionedSchema.safeParse(raw);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${paths.identity} ${i.path.join('.')}: ${i.message}`));
  const p = parsed.data;
  return ok({ ...config, pileId: p.pileId, stationId: p.stationId, cloud: { ...config.cloud, url: p.url, username: p.pileId, passwordFile: paths.secret } });
}

// Writes the mosquitto files of broker/mosquitto-config.ts into a folder from the cloud database:
// passwd and acl and the cloud password file with mode 0600; the cloud password is generated once and
// kept across runs (so the running cloud's --broker-password-file stays valid).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../persistence/sqlite/db.js';
import { randomSecret } from '../shared/secret-hash.js';
import { MOSQUITTO_CLOUD_USER, mosquittoAcl, mosquittoConf, mosquittoPasswd, type MosquittoInput } from './mosquitto-config.js';
import { mosquittoHash } from '../shared/mosquitto-hash.js';

export interface WrittenMosquitto {
  confPath: string;
  cloudPasswordPath: string;
  cloudUser: string;
  piles: number;
  withoutHash: string[];
}

const secretFile = (path: string, text: string) => {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
};

export async function writeMosquittoFiles(dataDir: string, outDir: string, o: { host: string; port: number; user?: string }): Promise<WrittenMosquitto> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const db = openDatabase(dataDir);
  let rows: { pile_id: string; broker_hash: string | null }[];
  try {
    rows = db.prepare('SELECT pile_id, broker_hash FROM piles ORDER BY pile_id').all() as typeof rows;
  } finally {
    db.close();
  }
  const cloudPasswordPath = join(out, 'cloud-password');
  const cloudPassword = existsSync(cloudPasswordPath) ? readFileSync(cloudPasswordPath, 'utf8').trim() : randomSecret(32);
  secretFile(cloudPasswordPath, `${cloudPassword}\n`);
  const input: MosquittoInput = {
    piles: rows.filter((r) => r.broker_hash).map((r) => ({ pileId: r.pile_id, brokerHash: r.broker_hash! })),
    cloudUser: MOSQUITTO_CLOUD_USER,
    cloudHash: mosquittoHash(cloudPassword),
    host: o.host,
    port: o.port,
    passwdPath: join(out, 'passwd'),
    aclPath: join(out, 'acl'),
  };
  secretFile(input.passwdPath, mosquittoPasswd(input));
  secretFile(input.aclPath, mosquittoAcl(input));
  const confPath = join(out, 'mosquitto.conf');
  writeFileSync(confPath, mosquittoConf(input) + (o.user ? `user ${o.user}\n` : ''));
  return { confPath, cloudPasswordPath, cloudUser: MOSQUITTO_CLOUD_USER, piles: input.piles.length, withoutHash: rows.filter((r) => !r.broker_hash).map((r) => r.pile_id) };
}

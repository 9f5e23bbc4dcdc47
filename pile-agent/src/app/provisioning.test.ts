// Provisioning on site, on real files: the identity and secret written whole (secret 0600), laid over
// the config at boot (pile id, station, broker, user name, secret file); a bad identity or secret is
// refused and writes nothing; a damaged file stops the boot with its path; never provisioned: the
// config stands as it is.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentConfigSchema, type AgentConfig } from './config.schema.js';
import { provisionedPaths, withProvisioned, writeProvisioned } from './provisioning.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function config(): AgentConfig {
  const d = mkdtempSync(join(tmpdir(), 'pilegate-provision-'));
  dirs.push(d);
  return agentConfigSchema.parse({ pileId: 'SHIPPED-1', stationId: 1, dataDir: join(d, 'data'), cloud: { url: 'mqtt://old:1883', username: 'SHIPPED-1', passwordFile: '/etc/old' } });
}

describe('provisioning', () => {
  it('writes the identity and secret and lays them over the config at boot', () => {
    const c = config();
    expect(withProvisioned(c)).toEqual({ ok: true, value: c });
    const w = writeProvisioned(c.dataDir, { pileId: 'YARD1-P1', stationId: 7, url: 'mqtts://cloud:8883' }, 'a-long-secret');
    expect(w.ok).toBe(true);
    const paths = provisionedPaths(c.dataDir);
    expect(readFileSync(paths.secret, 'utf8')).toBe('a-long-secret\n');
    expect(statSync(paths.secret).mode & 0o777).toBe(0o600);
    const r = withProvisioned(c);
    expect(r.ok && r.value).toMatchObject({ pileId: 'YARD1-P1', stationId: 7, cloud: { url: 'mqtts://cloud:8883', username: 'YARD1-P1', passwordFile: paths.secret, keepaliveS: 60 } });
  });

  it('refuses a bad identity or secret and writes nothing', () => {
    const c = config();
    expect(writeProvisioned(c.dataDir, { pileId: 'bad id', stationId: 7, url: 'mqtt://x:1' }, 'a-long-secret')).toMatchObject({ ok: false });
    expect(writeProvisioned(c.dataDir, { pileId: 'P1', stationId: 7, url: 'http://x' }, 'a-long-secret')).toMatchObject({ ok: false });
    expect(writeProvisioned(c.dataDir, { pileId: 'P1', stationId: 7, url: 'mqtt://x:1' }, 'short')).toMatchObject({ ok: false });
    expect(writeProvisioned(c.dataDir, { pileId: 'P1', stationId: 7, url: 'mqtt://x:1' }, 'has a space')).toMatchObject({ ok: false });
    expect(existsSync(provisionedPaths(c.dataDir).identity)).toBe(false);
    expect(existsSync(provisionedPaths(c.dataDir).secret)).toBe(false);
  });

  it('a damaged identity file stops the boot with its path', () => {
    const c = config();
    writeProvisioned(c.dataDir, { pileId: 'P1', stationId: 7, url: 'mqtt://x:1' }, 'a-long-secret');
    const file = provisionedPaths(c.dataDir).identity;
    writeFileSync(file, '{"pileId": "P1", "stationId": -2, "url": "mqtt://x:1"}');
    const r = withProvisioned(c);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error[0]).toContain(`${file} stationId`);
    writeFileSync(file, '{"pileId": ');
    expect(!withProvisioned(c).ok && (withProvisioned(c) as { error: string[] }).error[0]).toContain(file);
  });
});

// Config loading: defaults filled per block, every option's path in the errors, strict keys (typos
// are errors), PILEGATE_ environment overrides (typed values, nested blocks, the devices map) and
// relative paths resolved against the config file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEnv, loadConfigFile, validateConfig } from './config-load.js';
import { redactConfig } from './config.schema.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const file = (name: string, text: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const minimal = { pileId: 'PILE-7', stationId: 12, dataDir: '/var/lib/pilegate' };

describe('agent config', () => {
  it('fills every block with its defaults', () => {
    const r = validateConfig(minimal);
    expect(r.ok && r.value).toMatchObject({
      profile: 'sim',
      language: 'zh-CN',
      devices: {},
      session: { keypadMaxFailures: 5, keypadLockMs: 300_000, meterSampleIntervalMs: 10_000 },
      gbt: { decisionTimeoutMs: 4_000 },
      powerStage: { kind: 'bench' },
      log: { level: 'info' },
      cloud: { keepaliveS: 60 },
    });
  });

  it('reports each problem with its path, including unknown keys and out-of-range values', () => {
    const r = validateConfig({ ...minimal, pileId: 'a/b', session: { keypadLockMs: 10, meterSampleIntervalMS: 5 }, colour: 'red' });
    expect(r.ok).toBe(false);
    const paths = !r.ok ? r.error.map((i) => i.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['pileId', 'session.keypadLockMs', 'session', '(config)']));
  });

  it('rejects a console PIN that is not a scrypt hash', () => {
    const r = validateConfig({ ...minimal, console: { pinHash: '1234' } });
    expect(!r.ok && r.error[0].path).toBe('console.pinHash');
  });

  it('PILEGATE_ overrides: typed values, nested blocks, the devices map; other PILEGATE_ names are not config', () => {
    const raw = applyEnv(minimal, {
      PILEGATE_STATION_ID: '13',
      PILEGATE_SESSION__METER_SAMPLE_INTERVAL_MS: '5000',
      PILEGATE_DEVICES: '{"can.1":"/dev/ttyACM0"}',
      PILEGATE_LANGUAGE: 'en',
      PILEGATE_RUNTIME: 'dist',
      OTHER: 'x',
    });
    const r = validateConfig(raw);
    expect(r.ok && r.value).toMatchObject({ stationId: 13, language: 'en', session: { meterSampleIntervalMs: 5000 }, devices: { 'can.1': '/dev/ttyACM0' } });
  });

  it('loads YAML and resolves dataDir / seed / profile file against the config file', () => {
    const f = file('agent.yaml', 'pileId: P1\nstationId: 1\ndataDir: data\nwhitelistSeedFile: seed.json\nprofile: my/profile.yaml\n');
    const r = loadConfigFile(f, {});
    const dir = f.slice(0, -'/agent.yaml'.length);
    expect(r.ok && r.value).toMatchObject({ dataDir: join(dir, 'data'), whitelistSeedFile: join(dir, 'seed.json'), profile: join(dir, 'my/profile.yaml') });
  });

  it('a file that is not a mapping, or not there, is an issue, not a throw', () => {
    expect(loadConfigFile(file('a.yaml', '- 1\n- 2\n'), {})).toMatchObject({ ok: false, error: [{ path: '(file)' }] });
    expect(loadConfigFile('/nonexistent/agent.yaml', {})).toMatchObject({ ok: false, error: [{ path: '(file)' }] });
  });

  it('redacts the console PIN hash', () => {
    const r = validateConfig({ ...minimal, console: { pinHash: `scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=` } });
    expect(r.ok && redactConfig(r.value).console.pinHash).toBe('<redacted>');
  });
});

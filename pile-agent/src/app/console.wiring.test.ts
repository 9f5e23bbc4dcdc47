// The console wiring on stdio (stdin in, stderr-like stream out) over a minimal agent: the adapter
// maps the introspection to the console's context (GB/T phase codes, journal rows, faults, meters).
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { wireConsole, type ConsoleWiringDeps } from './console.wiring.js';
import { FaultRegistry } from './fault-registry.js';
import { agentConfigSchema } from './config.schema.js';
import { loadProfile } from '../../../hw-profiles/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { nullLogger } from '../shared/logger.js';
import { hashSecret } from '../shared/secret-hash.js';
import { ok } from '../shared/result.js';
import { MemoryWhitelistRepo } from '../domain/authorization/whitelist.memory-repo.js';
import type { AgentIntrospection } from './introspection.js';
import type { Component } from './lifecycle.js';

let component: Component | null = null;
afterEach(async () => {
  await component?.stop();
  component = null;
});

async function setup() {
  const clock = new FakeClock();
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (d: Buffer) => (written += d.toString('utf8')));
  const faults = new FaultRegistry({ clock, logger: nullLogger });
  const config = agentConfigSchema.parse({ pileId: 'P9', stationId: 7, dataDir: '/tmp/x', console: { pinHash: await hashSecret('1357', { N: 1024, r: 8, p: 1 }) } });
  const profile = { ...loadProfile('sim'), console: { kind: 'stdio' as const } };
  const introspection = {
    connectors: () => [
      {
        id: 1,
        phase: 'connecting',
        sessionId: 's1',
        view: { screen: 'connecting' },
        gbt: { phase: 'deciding', vin: 'LZYTBGBW5LA000001', vinStatus: 'valid', recoveries: 0 },
        lastMeter: null,
        keypadLocked: false,
        faults: [],
      },
    ],
    faults: () => faults.list(),
    whitelist: new MemoryWhitelistRepo(),
    recentSessions: () => [],
    outboxCount: () => 0,
    config: () => ({ pileId: 'P9', console: { pinHash: '<redacted>' } }),
    lastCard: () => null,
    onTrace: () => () => undefined,
    onConnector: () => () => undefined,
    onView: () => () => undefined,
  } as unknown as AgentIntrospection;
  const deps: ConsoleWiringDeps = {
    profile,
    config,
    clock,
    logger: nullLogger,
    introspection,
    commands: { pressButton: () => undefined, enterPassword: () => undefined },
    screen: () => null,
    faults,
    meter: (id) => (id === 1 ? ({ read: async () => ok({ energyWh: 5000, powerW: 0, voltageMv: 0, currentMa: 0, atMs: 0 }) } as never) : undefined),
    health: () => ({
      state: 'running',
      error: null,
      components: [
        { name: 'connectors', started: true },
        { name: 'card-reader', started: false },
      ],
    }),
    openLine: () => {
      throw new Error('a stdio console opens no serial line');
    },
    stdio: { input, output },
  };
  component = wireConsole(deps);
  await component.start();
  /** Waits (bounded) until the output matches; the PIN check hashes on the thread pool. */
  const waitFor = async (until: RegExp) => {
    const end = Date.now() + 5000;
    while (!until.test(written)) {
      if (Date.now() > end) throw new Error(`no ${until} in ${JSON.stringify(written)}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    return written;
  };
  const send = async (text: string, until: RegExp) => {
    written = '';
    input.write(text);
    return waitFor(until);
  };
  return { send, faults, waitFor, introspection };
}

describe('console wiring on stdio', () => {
  it('greets with the pile from the config and profile, logs in with the configured PIN', async () => {
    const { send, waitFor } = await setup();
    expect(await waitFor(/PIN: $/)).toBe('pilegate pile-agent console - pile P9, station 7, profile sim\r\nPIN: ');
    expect(await send('1357\r', /P9> $/)).toBe('****\r\nlogged in; type "help" for the commands\r\nP9> ');
  });

  it('maps the agent: GB/T phase codes, VIN, cloud link, faults, devices, meters', async () => {
    const { send, faults } = await setup();
    await send('1357\r', /P9> $/);
    faults.raise('reader.offline', 'reader', 'no answer');
    const status = await send('status\r', /P9> $/);
    expect(status).toContain('connector 1: session connecting (s1); GB/T deciding S3; VIN LZYTBGBW5LA000001 (valid); meter -\r\n');
    expect(status).toContain('cloud link: disabled (no cloud url configured)\r\n');
    expect(status).toMatch(/ {2}reader\.offline \[warning\] from reader: no answer, since 2026-01-01T00:00:00Z/);
    const selftest = await send('selftest\r', /P9> $/);
    expect(selftest).toContain('PASS meter c1 (acrel-djsf1352-rn @ rs485-1/1): energy 5.000 kWh');
    expect(selftest).toContain('FAIL meter c2 (acrel-djsf1352-rn-float @ rs485-1/2): closed: connector 2: no meter open');
    expect(selftest).toContain('FAIL card reader (pn532-hsu /dev/pilegate-sim/reader): not started');
    expect(selftest).toContain('FAIL screen (800x480 RGB565 /dev/pilegate-sim/fb0): display not opened');
    const log = await send('log tail\r', /P9> $/);
    expect(log).toMatch(/INFO fault raised \{"fault":"reader.offline","source":"reader","active":true,"detail":"no answer"\}\r\n/);
    expect(log.indexOf('technician logged in')).toBeLessThan(log.indexOf('fault raised'));
  });
});

describe('console wiring of the sync service', () => {
  it('reads introspection.sync at each call: `sync`, `sync now` and the status line follow it once set', async () => {
    const { send, introspection } = await setup();
    await send('1357\r', /P9> $/);
    expect(await send('sync\r', /P9> $/)).toContain('cloud link not configured\r\n');
    let calls = 0;
    introspection.sync = {
      status: () => ({ link: 'online', brokerUrl: 'mqtt://127.0.0.1:1883', whitelistVersion: 5, lastPageAt: null, outboxDepth: 0, oldestUnsentAt: null, lastAckAt: null }),
      syncNow: () => void calls++,
    };
    expect(await send('sync\r', /P9> $/)).toContain('link: online\r\nbroker: mqtt://127.0.0.1:1883\r\nwhitelist version: 5\r\n');
    expect(await send('status\r', /P9> $/)).toContain('cloud link: connected (mqtt://127.0.0.1:1883)\r\n');
    expect(await send('sync now\r', /P9> $/)).toContain('sync requested from whitelist version 5\r\n');
    expect(calls).toBe(1);
  });
});

// The crash test (docs/charging-modes.md rule 6): `node bin/pile-agent.js run --config …` as a child process on the
// sim rig, a card session started through the PN532 simulator, then `kill -9` — right after the
// session opened, and while charging after meter samples. After a restart the interrupted session
// is closed with `power-loss` from the meter's register (what flowed up to the moment the bus stopped
// drawing, past the last journaled sample), every journal event has exactly
// one outbox record (keys sessionId:1..n, none lost, none doubled), and a second restart changes nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionRecordIssues } from '../../../pile-agent/index.js';
import { SimRig } from '../../index.js';
import { FAST_SESSION, readJournal, seedPage, UID_MODE2, until, VIN_REGISTERED, type JournalView } from './agent-on-rig.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stdout(): string;
}

/** Starts the agent process and resolves once it logged "agent running". */
async function startAgent(configFile: string): Promise<Running> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/pile-agent.js'), 'run', '--config', configFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await until(
    'agent running',
    () => {
      if (gone) throw new Error(`agent exited early:\n${err}\n${out}`);
      return out.includes('"msg":"agent running"');
    },
    30_000,
  );
  return { child, exited, stdout: () => out };
}

async function kill9(a: Running): Promise<void> {
  a.child.kill('SIGKILL');
  await a.exited;
}

/** Every event once, numbered 1..n per session, with exactly its outbox record. */
function expectNoLossNoDuplicate(j: JournalView): void {
  const bySession = new Map<string, number[]>();
  for (const e of j.events) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e.seq]);
  for (const seqs of bySession.values()) expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
  expect(j.outbox.map((o) => o.key)).toEqual(j.events.map((e) => `${e.sessionId}:${e.seq}`));
  expect(new Set(j.outbox.map((o) => o.key)).size).toBe(j.outbox.length);
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-crash-'));
  const rig = await SimRig.start();
  cleanup.push(
    async () => rmSync(dir, { recursive: true, force: true }),
    () => rig.close(),
  );
  const seed = join(dir, 'whitelist.json');
  writeFileSync(seed, JSON.stringify(await seedPage()));
  const dataDir = join(dir, 'data');
  const configFile = rig.writeConfig(join(dir, 'agent.json'), { dataDir, whitelistSeedFile: seed, session: FAST_SESSION, log: { level: 'info' } });
  const run = async () => {
    const a = await startAgent(configFile);
    cleanup.push(() => kill9(a));
    return a;
  };
  return { rig, dataDir, run };
}

describe('kill -9 mid-session and restart', () => {
  it("while charging: closed as power-loss at the meter's register, nothing lost or doubled, second restart changes nothing", async () => {
    const { rig, dataDir, run } = await setup();
    const first = await run();
    await rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    rig.presentCard(UID_MODE2);
    const before = await until(
      'three meter samples',
      () => {
        const j = readJournal(dataDir);
        return j.events.filter((e) => e.kind === 'meter').length >= 3 ? j : null;
      },
      30_000,
    );
    await kill9(first);
    const atKill = readJournal(dataDir);
    expect(atKill.sessions[0]).toMatchObject({ state: 'open' });
    const lastSample = atKill.events.filter((e) => e.kind === 'meter').at(-1)!.data.energyWh as number;
    expect(lastSample).toBeGreaterThan(before.sessions[0].meter_start_wh as number);
    expectNoLossNoDuplicate(atKill);
    // The charger fell silent: the bus stops drawing after its CCS timeout; the meter keeps the count.
    const meter = rig.meters.get(1)!;
    await until('the bus stopped drawing', () => meter.values.powerW === 0, 30_000);
    const truth = meter.values.energyWh;
    expect(truth).toBeGreaterThan(lastSample);

    const second = await run();
    const after = readJournal(dataDir);
    expect(after.sessions[0]).toMatchObject({ state: 'closed', stop_reason: 'power-loss', meter_stop_wh: truth, last_meter_wh: truth });
    // What was recorded before the kill is all still there, unchanged, followed by exactly one `stopped`.
    expect(after.events.slice(0, atKill.events.length)).toEqual(atKill.events);
    expect(after.events.slice(atKill.events.length).map((e) => e.kind)).toEqual(['stopped']);
    const record = after.events.at(-1)!.data;
    expect(record).toMatchObject({ stopReason: 'power-loss', meterStopWh: truth, vin: VIN_REGISTERED });
    expect(sessionRecordIssues(record)).toEqual([]);
    expectNoLossNoDuplicate(after);
    expect(second.stdout()).toContain('interrupted session closed (power-loss)');

    await kill9(second);
    await run();
    expect(readJournal(dataDir)).toEqual(after);
  }, 120_000);

  it('right after the session opened (before charging): closed as power-loss at the meter start', async () => {
    const { rig, dataDir, run } = await setup();
    const first = await run();
    // No bus plugged: the session opens (meter start journaled) and waits for the BMS.
    rig.presentCard(UID_MODE2);
    await until('session opened', () => readJournal(dataDir).events.some((e) => e.kind === 'started'), 30_000);
    await kill9(first);
    const atKill = readJournal(dataDir);
    expect(atKill.events.map((e) => e.kind)).toEqual(['started']);

    await run();
    const after = readJournal(dataDir);
    const start = atKill.sessions[0].meter_start_wh as number;
    expect(after.sessions[0]).toMatchObject({ state: 'closed', stop_reason: 'power-loss', meter_stop_wh: start });
    expect(after.events.map((e) => e.kind)).toEqual(['started', 'stopped']);
    expectNoLossNoDuplicate(after);
  }, 120_000);
});

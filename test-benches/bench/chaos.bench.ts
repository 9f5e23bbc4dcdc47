// Benchmark chaos: `pile-agent run` on the sim rig, killed with SIGKILL at a random moment of a card
// session (before the bus answers, in the handshake, while charging, while stopping) and restarted,
// CHAOS_KILLS times (default 1,000; about 4 s each). After every restart the journal is checked:
// sessions lost (one left open after recovery), sessions doubled (an event or outbox record twice, a
// gap in a session's seq), and the energy error of each power-loss stop against the meter
// simulator's truth: its count once the bus stopped drawing (after the kill the charger is silent and
// the bus stops at its CCS timeout; the bench waits for that before the restart, as a power cut
// would have stopped it at once). Goal 0, 0, ≤ the energy of one meter interval: the 500 ms sample
// period plus a reading's 100 ms on the line. The pile closes from the meter's register when it is
// plausible (recovery.ts); the bench also reports what the journal alone held at the kill (the
// last journaled reading against the count at the kill, and how old that reading was), the error
// a close from the journal would have had. `npm run bench -- chaos`
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimRig } from '../index.js';
import { FAST_SESSION, readJournal, seedPage, UID_MODE2, until, VIN_REGISTERED } from '../test/session/agent-on-rig.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KILLS = Number(process.env.CHAOS_KILLS ?? 1_000);
const POWER_W = 60_000;
const emit = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ bench: 'chaos.kill9', metric, value, unit }));

let seed = Number(process.env.CHAOS_SEED ?? 7);
const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;

interface Agent {
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
}

async function startAgent(configFile: string): Promise<Agent> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/pile-agent.js'), 'run', '--config', configFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.resume();
  const exited = new Promise((r) => child.once('exit', r));
  await until('agent running', () => out.includes('"msg":"agent running"'), 30_000);
  return { child, exited };
}

const dir = mkdtempSync(join(tmpdir(), 'pilegate-chaos-'));
const rig = await SimRig.start({ chargingPowerW: POWER_W });
const seedFile = join(dir, 'whitelist.json');
writeFileSync(seedFile, JSON.stringify(await seedPage()));
const dataDir = join(dir, 'data');
const configFile = rig.writeConfig(join(dir, 'agent.json'), { dataDir, whitelistSeedFile: seedFile, session: FAST_SESSION, log: { level: 'info' } });
// The most a power-loss stop may miss: what flows between two journaled meter samples — the sample
// interval (reads start every interval) plus one reading's time on the RS-485 line (the reading in
// flight at the kill is not journaled yet).
const READ_MS = 100;
const intervalWh = Math.ceil((POWER_W * (FAST_SESSION.meterSampleIntervalMs + READ_MS)) / 3_600_000);

let lost = 0;
let doubled = 0;
let maxErrorWh = 0;
let overInterval = 0;
let maxMsSinceReading = 0;
let maxJournalErrorWh = 0;
let fromMeter = 0;
const t0 = performance.now();
try {
  let agent = await startAgent(configFile);
  for (let k = 0; k < KILLS; k++) {
    await rig.unplug(1);
    rig.removeCard();
    await rig.plug(1, { vin: VIN_REGISTERED, edition: '2015' });
    rig.presentCard(UID_MODE2);
    // A random moment: 0–4 s covers the card, the handshake, charging; now and then the stop too.
    const stopFirst = rand() < 0.2;
    await new Promise((r) => setTimeout(r, rand() * 4_000));
    if (stopFirst) {
      rig.removeCard();
      rig.presentCard(UID_MODE2);
      await new Promise((r) => setTimeout(r, rand() * 500));
    }
    const meter = rig.meters.get(1)!;
    const atKillWh = meter.values.energyWh;
    const killedAt = Date.now();
    agent.child.kill('SIGKILL');
    await agent.exited;
    const journaled = readJournal(dataDir).sessions.at(-1);
    // The bus stops drawing at its CCS timeout once the charger is silent; the meter keeps the count.
    await until('the bus stopped drawing', () => meter.values.powerW === 0, 30_000);
    const truthWh = meter.values.energyWh;
    agent = await startAgent(configFile);
    const j = readJournal(dataDir);
    lost += j.sessions.filter((s) => s.state !== 'closed').length;
    const keys = j.events.map((e) => `${e.sessionId}:${e.seq}`);
    const outbox = j.outbox.map((o) => o.key);
    if (new Set(keys).size !== keys.length || new Set(outbox).size !== outbox.length || [...keys].sort().join() !== [...outbox].sort().join()) doubled++;
    const bySession = new Map<string, number[]>();
    for (const e of j.events) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e.seq]);
    for (const seqs of bySession.values()) if (seqs.some((s, i) => s !== i + 1)) doubled++;
    const last = j.sessions.at(-1);
    if (last && last.stop_reason === 'power-loss') {
      const error = Math.abs(truthWh - Number(last.meter_stop_wh));
      maxErrorWh = Math.max(maxErrorWh, error);
      if (error > intervalWh) overInterval++;
      if (String(last.stop_detail).includes('register')) fromMeter++;
      if (journaled && journaled.session_id === last.session_id) {
        maxJournalErrorWh = Math.max(maxJournalErrorWh, atKillWh - Number(journaled.last_meter_wh));
        maxMsSinceReading = Math.max(maxMsSinceReading, killedAt - Date.parse(String(journaled.last_meter_at)));
      }
    }
    if ((k + 1) % 25 === 0)
      console.error(
        `# ${k + 1}/${KILLS} kills: lost ${lost}, doubled ${doubled}, max energy error ${maxErrorWh} Wh (${fromMeter} closed from the meter's register); the journal alone: ${maxJournalErrorWh} Wh, reading at most ${maxMsSinceReading} ms old`,
      );
  }
  agent.child.kill('SIGKILL');
  await agent.exited;
} finally {
  await rig.close();
  rmSync(dir, { recursive: true, force: true });
}
emit('kills', KILLS, '1');
emit('sessions_lost', lost, '1');
emit('sessions_doubled', doubled, '1');
emit('energy_error_max_wh', maxErrorWh, 'Wh');
emit('energy_error_over_interval', overInterval, '1');
emit('meter_interval_wh', intervalWh, 'Wh');
emit('closed_from_meter_register', fromMeter, '1');
emit('journal_error_max_wh', maxJournalErrorWh, 'Wh');
emit('journaled_reading_age_max_ms', maxMsSinceReading, 'ms');
emit('s_per_kill', Math.round(((performance.now() - t0) / 1000 / KILLS) * 100) / 100, 's');
if (lost || doubled || overInterval) process.exitCode = 1;

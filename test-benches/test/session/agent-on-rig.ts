// Shared setup of the session integration tests: the sim rig (real ptys), a whitelist seed file
// (numeric ids, so finished records meet the wire contract), and the agent composed in this process
// from the `sim` profile with the rig's device overrides, a real SQLite file and short timeouts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../../hw-profiles/index.js';
import { canonicalCardNumber } from '../../../pile-agent/protocols.js';
import { composeAgent, databasePath, validateConfig, type Agent, type AgentConfigInput } from '../../../pile-agent/index.js';
import { fromHex, hashSecret, nullLogger, systemClock } from '../../../pile-agent/ports.js';
import { aCard, aDepartment, aFixedPassword, aVehicle, aVin, snapshotPage } from '../../../pile-agent/testing.js';
import { SimRig } from '../../index.js';

export const FAST = { N: 1024, r: 8, p: 1 };
export const VIN_REGISTERED = aVin(101);
export const VIN_UNREGISTERED = aVin(909);
/** A mode 2 card of department 11 and a mode 1 station-admin card. */
export const UID_MODE2 = '04A1B2C3';
export const UID_ADMIN = '0A0B0C0D';
export const cardNoOf = (uid: string) => canonicalCardNumber(fromHex(uid)!, 'decimal-le');
export const FIXED_PASSWORD = '246810';
export const STOP_PASSWORD = '8888';

export async function seedPage(): Promise<unknown> {
  return snapshotPage(10, {
    departments: [
      aDepartment({ id: '11', name: '公交一公司', stopPasswordHash: await hashSecret(STOP_PASSWORD, FAST), stopPasswordVersion: 1 }),
      aDepartment({ id: '12', name: '不在本站', boundHere: false }),
    ],
    vehicles: [aVehicle({ vin: VIN_REGISTERED, plate: '沪A32567', departmentId: '11' })],
    cards: [
      aCard({ cardNo: cardNoOf(UID_MODE2), memberId: '31', departmentId: '11' }),
      aCard({ cardNo: cardNoOf(UID_ADMIN), memberId: '41', departmentId: null, stationAdmin: true, memberName: '站点通卡A' }),
    ],
    fixedPasswords: [aFixedPassword({ id: 'FP1', hash: await hashSecret(FIXED_PASSWORD, FAST), memberId: '41' })],
  });
}

export const FAST_SESSION = { meterSampleIntervalMs: 500, resetViewMs: 60_000, authorizeTimeoutMs: 5_000 };

export interface AgentOnRig {
  readonly rig: SimRig;
  readonly agent: Agent;
  readonly dir: string;
  readonly config: AgentConfigInput;
  close(): Promise<void>;
}

/** Rig + seed file + agent (started). */
export async function startAgentOnRig(extra: Partial<AgentConfigInput> = {}): Promise<AgentOnRig> {
  const dir = mkdtempSync(join(tmpdir(), 'pilegate-session-'));
  const rig = await SimRig.start();
  const seed = join(dir, 'whitelist.json');
  writeFileSync(seed, JSON.stringify(await seedPage()));
  const config = rig.agentConfig({ dataDir: join(dir, 'data'), whitelistSeedFile: seed, session: FAST_SESSION, ...extra });
  const valid = validateConfig(config);
  if (!valid.ok) throw new Error(JSON.stringify(valid.error));
  const profile = loadProfile(valid.value.profile, { overrides: valid.value.devices });
  const agent = composeAgent({ config: valid.value, profile, clock: systemClock, logger: nullLogger });
  await agent.start();
  return {
    rig,
    agent,
    dir,
    config,
    close: async () => {
      await agent.stop();
      await rig.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every 20 ms until it returns a value (not undefined/false) or `timeoutMs` passes. */
export async function until<T>(what: string, check: () => T | undefined | false | null, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface JournalView {
  readonly events: readonly { sessionId: string; seq: number; kind: string; data: Record<string, unknown> }[];
  readonly outbox: readonly { key: string; kind: string; payload: { data: Record<string, unknown> } }[];
  readonly sessions: readonly Record<string, unknown>[];
}

/** Reads the agent's journal, outbox and session rows from its database file (read-only, WAL-safe). */
export function readJournal(dataDir: string): JournalView {
  const db = new BetterSqlite3(databasePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    const events = (
      db.prepare('SELECT session_id AS sessionId, seq, kind, data FROM session_event ORDER BY session_id, seq').all() as { sessionId: string; seq: number; kind: string; data: string }[]
    ).map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
    const outbox = (db.prepare('SELECT key, kind, payload FROM outbox ORDER BY pos').all() as { key: string; kind: string; payload: string }[]).map((o) => ({
      ...o,
      payload: JSON.parse(o.payload) as { data: Record<string, unknown> },
    }));
    const sessions = db.prepare('SELECT * FROM session ORDER BY started_at').all() as Record<string, unknown>[];
    return { events, outbox, sessions };
  } finally {
    db.close();
  }
}

// Wiring step: storage. Opens (and migrates) `<dataDir>/agent.db`, builds the whitelist, journal and
// outbox repositories, applies the whitelist seed file when it is newer than the cache (offline
// commissioning), and closes sessions interrupted by a power cut before any connector runs — from the
// meters' registers read at restart when they are plausible (recovery.ts), else from the journal.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EnergyMeter } from '../ports/energy-meter.port.js';
import { recoverInterruptedSessions, type RecoveryReport, type RestartRegisters } from '../domain/session/recovery.js';
import { sessionRecordIssues, sessionRecordOf } from '../domain/session/session-record.builder.js';
import { openDatabase } from '../persistence/sqlite/db.js';
import { SqliteJournalRepo } from '../persistence/sqlite/journal.repo.js';
import { SqliteOutboxRepo } from '../persistence/sqlite/outbox.repo.js';
import { SqliteWhitelistRepo } from '../persistence/sqlite/whitelist.repo.js';
import type { Logger } from '../shared/logger.js';

export interface Storage {
  readonly db: Database;
  readonly whitelist: SqliteWhitelistRepo;
  readonly journal: SqliteJournalRepo;
  readonly outbox: SqliteOutboxRepo;
  close(): void;
}

export const databasePath = (dataDir: string) => join(dataDir, 'agent.db');

export function openStorage(dataDir: string, logger: Logger): Storage {
  mkdirSync(dataDir, { recursive: true });
  const { db } = openDatabase({ path: databasePath(dataDir), logger });
  return {
    db,
    whitelist: new SqliteWhitelistRepo({ db, logger }),
    journal: new SqliteJournalRepo({ db, logger }),
    outbox: new SqliteOutboxRepo({ db, logger }),
    close: () => db.close(),
  };
}

/** Applies a whitelist page file (`onlyIfNewer`: skip a page not newer than the cache). Never throws. */
export function applyWhitelistFile(storage: Pick<Storage, 'whitelist'>, file: string, logger: Logger, opts: { readonly onlyIfNewer: boolean }): { applied: boolean; message: string } {
  let page: unknown;
  try {
    page = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { applied: false, message: `cannot read ${file}: ${(e as Error).message}` };
  }
  const toVersion = (page as { toVersion?: unknown })?.toVersion;
  if (opts.onlyIfNewer && typeof toVersion === 'number' && toVersion <= storage.whitelist.version()) {
    return { applied: false, message: `cache already at version ${storage.whitelist.version()} (file: ${toVersion})` };
  }
  const r = storage.whitelist.applyPage(page);
  if (!r.ok) {
    const why =
      r.error.reason === 'version-gap' ? `version gap (cache ${r.error.storedVersion}, page from ${r.error.fromVersion})` : `${r.error.reason}: ${'message' in r.error ? r.error.message : ''}`;
    logger.error({ file, rejection: r.error }, 'whitelist file rejected');
    return { applied: false, message: why };
  }
  logger.info({ file, version: r.value.version, changes: r.value.applied }, 'whitelist file applied');
  return { applied: true, message: `applied ${r.value.applied} changes, cache at version ${r.value.version}` };
}

/**
 * After a charger falls silent a bus stops drawing within 1 s (the BMS's CCS timeout, GB/T 27930
 * annex / reference §4.3) and opens its contactors; 10 s leaves room for that and for a late sample.
 */
export const BUS_STOP_MS = 10_000;

/**
 * Reads, for each connector with an interrupted session, its meter's energy register (with the
 * meter's own retries; a connector whose meter does not answer is left out and closes from the journal).
 */
export async function readRestartRegisters(
  storage: Pick<Storage, 'journal'>,
  meters: ReadonlyMap<number, EnergyMeter>,
  o: { readonly maxPowerW: (connectorId: number) => number; readonly sampleIntervalMs: number },
): Promise<RestartRegisters> {
  const energyWh = new Map<number, number>();
  for (const id of new Set(storage.journal.openSessions().map((s) => s.connectorId))) {
    const r = await meters.get(id)?.readEnergyWh();
    if (r?.ok) energyWh.set(id, r.value);
  }
  return { energyWh, maxTailWh: (id) => Math.ceil((o.maxPowerW(id) * (o.sampleIntervalMs + BUS_STOP_MS)) / 3_600_000) };
}

export function recoverSessions(storage: Pick<Storage, 'journal'>, logger: Logger, registers?: RestartRegisters): RecoveryReport {
  const record = (row: Parameters<typeof sessionRecordOf>[0]) => {
    const r = sessionRecordOf(row);
    const issues = sessionRecordIssues(r);
    if (issues.length) logger.warn({ sessionId: row.sessionId, issues }, 'session record does not meet the wire contract');
    return r;
  };
  return recoverInterruptedSessions({ journal: storage.journal, recorder: { record }, logger: logger.child({ ns: 'agent:domain:recovery' }), registers });
}

// A pile's days-long outage, written straight into its journal and outbox (the agent stopped): closed
// mode 2 card sessions, each a `started`, meter samples every five minutes and a `stopped` with its
// finished-session record, spread over the days before `endMs` — what a pile that lost its link
// for days has queued when it comes back. Used by the outage test and the sync.drain bench.
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { databasePath, openDatabase, sessionRecordOf, SqliteJournalRepo } from '../../../pile-agent/index.js';
import { nullLogger } from '../../../pile-agent/ports.js';

export interface BacklogSpec {
  readonly dataDir: string;
  readonly pileId: string;
  readonly stationId: number;
  /** A card of a department bound to the station, as the cloud registers it. */
  readonly cardNo: string;
  readonly memberId: string;
  readonly departmentId: string;
  /** Events in total: sessions of `perSession` events (started + samples + stopped). */
  readonly events: number;
  readonly perSession?: number;
  /** The last session stops before this time; the first starts `days` before it. */
  readonly endMs: number;
  readonly days?: number;
}

/** Writes the backlog; returns the session ids, oldest first. */
export function writeBacklog(s: BacklogSpec): string[] {
  mkdirSync(s.dataDir, { recursive: true });
  const { db } = openDatabase({ path: databasePath(s.dataDir), logger: nullLogger });
  const journal = new SqliteJournalRepo({ db, logger: nullLogger });
  const per = s.perSession ?? 10;
  const sessions = Math.floor(s.events / per);
  const span = (s.days ?? 3) * 86_400_000;
  const step = Math.floor(span / Math.max(1, sessions));
  const ids: string[] = [];
  const payer = { kind: 'department' as const, departmentId: s.departmentId };
  try {
    db.transaction(() => {
      for (let i = 0; i < sessions; i++) {
        const sessionId = randomUUID();
        const start = s.endMs - span + i * step;
        const at = (min: number) => new Date(start + min * 60_000).toISOString();
        const meterStartWh = 1_000_000 + i * 100_000;
        journal.open(
          {
            sessionId,
            connectorId: 1 + (i % 2),
            pileId: s.pileId,
            stationId: s.stationId,
            mode: 2,
            credentialKind: 'card',
            cardNo: s.cardNo,
            memberId: s.memberId,
            credentialDepartmentId: s.departmentId,
            payer,
            attribution: { kind: 'department', departmentId: s.departmentId },
            stopBy: [],
            meterStartWh,
            startedAt: at(0),
          },
          { mode: 2, credential: { kind: 'card', cardNo: s.cardNo }, payer, attribution: { kind: 'department', departmentId: s.departmentId }, meterStartWh },
        );
        let wh = meterStartWh;
        for (let k = 1; k <= per - 2; k++) {
          wh += 5_000; // 5 kWh in 5 minutes: 60 kW
          journal.append(sessionId, 'meter', at(5 * k), { energyWh: wh, powerW: 60_000 }, { lastMeterWh: wh, lastMeterAt: at(5 * k) });
        }
        journal.close(sessionId, { meterStopWh: wh, stoppedAt: at(5 * (per - 1)), stopReason: 'bms-full', detail: null }, sessionRecordOf);
        ids.push(sessionId);
      }
    })();
  } finally {
    db.close();
  }
  return ids;
}

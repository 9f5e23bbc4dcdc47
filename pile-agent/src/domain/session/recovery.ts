// Power-loss recovery (docs/charging-modes.md rule 6): at start, before any connector runs, every session still
// open in the journal was interrupted by a crash or power cut. Each is closed from its last
// recorded meter reading, at that reading's time, with reason `power-loss`; the `stopped` event and
// its outbox record are written with the close in one transaction. Rerunning it changes nothing.
import type { Logger } from '../../shared/logger.js';
import type { JournalRepo } from './journal.repo.js';
import type { SessionRecorder } from './session-recorder.js';

export interface RecoveryReport {
  readonly closed: readonly { readonly sessionId: string; readonly connectorId: number; readonly meterStopWh: number }[];
}

export function recoverInterruptedSessions(deps: { readonly journal: JournalRepo; readonly recorder: Pick<SessionRecorder, 'record'>; readonly logger: Logger }): RecoveryReport {
  const closed: RecoveryReport['closed'][number][] = [];
  for (const row of deps.journal.openSessions()) {
    const entry = deps.journal.close(
      row.sessionId,
      { meterStopWh: row.lastMeterWh, stoppedAt: row.lastMeterAt, stopReason: 'power-loss', detail: 'closed at restart from the last meter reading' },
      (r) => deps.recorder.record(r),
    );
    if (!entry) continue;
    closed.push({ sessionId: row.sessionId, connectorId: row.connectorId, meterStopWh: row.lastMeterWh });
    deps.logger.warn({ sessionId: row.sessionId, connectorId: row.connectorId, meterStopWh: row.lastMeterWh }, 'interrupted session closed (power-loss)');
  }
  return { closed };
}

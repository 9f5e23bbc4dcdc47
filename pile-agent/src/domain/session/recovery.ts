// Power-loss recovery (docs/charging-modes.md rule 6): at start, before any connector runs, every session still
// open in the journal was interrupted by a crash or power cut. Each is closed with reason
// `power-loss`, at its last journaled reading's time, and the `stopped` event and its outbox record
// are written with the close in one transaction. Rerunning it changes nothing.
//
// The energy: the meter's register read at restart when it is plausible, else the last journaled
// reading. A meter keeps its count through a power cut (its register is non-volatile), so the
// register at restart is what really flowed — including the part after the last journaled sample,
// which the journal alone would lose (up to one sample interval, more when reads were late). It is
// plausible when it is not below the journaled reading (a lower count means a replaced or reset
// meter) and not above it by more than the connector's maximum power could deliver in `tailMs`
// (one sample interval plus the bus's own stop after the charger falls silent); otherwise the
// journal's reading stands and the disagreement is logged.
import type { Logger } from '../../shared/logger.js';
import type { JournalRepo, JournalSessionRow } from './journal.repo.js';
import type { SessionRecorder } from './session-recorder.js';

export interface RecoveryReport {
  readonly closed: readonly { readonly sessionId: string; readonly connectorId: number; readonly meterStopWh: number; readonly from: 'meter' | 'journal' }[];
}

/** The meter registers read at restart, per connector, and how much energy may have flowed after the last journaled reading. */
export interface RestartRegisters {
  readonly energyWh: ReadonlyMap<number, number>;
  /** The most energy (Wh) the connector can have delivered after its last journaled reading. */
  readonly maxTailWh: (connectorId: number) => number;
}

export interface RecoveryDeps {
  readonly journal: JournalRepo;
  readonly recorder: Pick<SessionRecorder, 'record'>;
  readonly logger: Logger;
  readonly registers?: RestartRegisters;
}

export function recoverInterruptedSessions(deps: RecoveryDeps): RecoveryReport {
  const closed: RecoveryReport['closed'][number][] = [];
  for (const row of deps.journal.openSessions()) {
    const stop = stopReading(row, deps);
    const detail = stop.from === 'meter' ? "closed at restart from the meter's register" : 'closed at restart from the last meter reading';
    const entry = deps.journal.close(row.sessionId, { meterStopWh: stop.wh, stoppedAt: row.lastMeterAt, stopReason: 'power-loss', detail }, (r) => deps.recorder.record(r));
    if (!entry) continue;
    closed.push({ sessionId: row.sessionId, connectorId: row.connectorId, meterStopWh: stop.wh, from: stop.from });
    deps.logger.warn({ sessionId: row.sessionId, connectorId: row.connectorId, meterStopWh: stop.wh, from: stop.from, lastJournaledWh: row.lastMeterWh }, 'interrupted session closed (power-loss)');
  }
  return { closed };
}

function stopReading(row: JournalSessionRow, deps: RecoveryDeps): { readonly wh: number; readonly from: 'meter' | 'journal' } {
  const registers = deps.registers;
  const register = registers?.energyWh.get(row.connectorId);
  if (!registers || register === undefined) return { wh: row.lastMeterWh, from: 'journal' };
  const tail = register - row.lastMeterWh;
  const maxTailWh = registers.maxTailWh(row.connectorId);
  if (tail >= 0 && tail <= maxTailWh) return { wh: register, from: 'meter' };
  deps.logger.warn(
    { sessionId: row.sessionId, connectorId: row.connectorId, registerWh: register, lastJournaledWh: row.lastMeterWh, maxTailWh },
    tail < 0 ? "meter register below the session's last reading (meter replaced or reset?): closing from the journal" : 'meter register too far past the last reading: closing from the journal',
  );
  return { wh: row.lastMeterWh, from: 'journal' };
}

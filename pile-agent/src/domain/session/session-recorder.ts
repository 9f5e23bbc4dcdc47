// Executes the machine's journal effects against the JournalRepo: maps a running session to its
// journal row and `started` data (the mode 4 stop-password hash stays in the row, never in an outbox
// record), derives the row patch of each event, and closes with the contract session record.
// Storage failures throw (the runner raises `storage.error` and stops acting on that step).
import type { StopCredential } from '../authorization/authorize.types.js';
import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../shared/logger.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { JournalEntry, JournalRepo, SessionPatch, JournalSessionRow } from './journal.repo.js';
import { sessionRecordIssues, sessionRecordOf } from './session-record.builder.js';
import type { RunningSession, SessionEffect } from './session.types.js';

export interface SessionRecorderDeps {
  readonly journal: JournalRepo;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pileId: string;
  readonly stationId: number;
  readonly connectorId: number;
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();

/** The stop credentials as an outbox record may show them: kinds and versions, no hash. */
export function publicStopBy(stopBy: readonly StopCredential[]): unknown[] {
  return stopBy.map((s) => (s.kind === 'stop-password' ? { kind: s.kind, departmentId: s.departmentId, passwordVersion: s.passwordVersion } : s));
}

export class SessionRecorder {
  constructor(private readonly deps: SessionRecorderDeps) {}

  open(session: RunningSession & { readonly meterStartWh: number }): JournalEntry {
    const d = session.decision;
    // An allowed decision always knows its mode (authorize.ts); a session without one is not recorded.
    if (d.mode === null) throw new AgentError(AgentErrorCode.CodecInvariant, `session ${session.sessionId} was allowed without a charging mode`);
    const startedAt = isoAt(session.startedAtMs);
    return this.deps.journal.open(
      {
        sessionId: session.sessionId,
        connectorId: this.deps.connectorId,
        pileId: this.deps.pileId,
        stationId: this.deps.stationId,
        mode: d.mode,
        credentialKind: d.credential.kind,
        cardNo: d.credential.cardNo,
        memberId: d.credential.memberId,
        credentialDepartmentId: d.credential.departmentId,
        payer: d.payer,
        attribution: d.attribution,
        stopBy: d.stopBy,
        meterStartWh: session.meterStartWh,
        startedAt,
      },
      {
        mode: d.mode,
        credential: { kind: d.credential.kind, cardNo: d.credential.cardNo },
        payer: d.payer,
        attribution: d.attribution,
        stopBy: publicStopBy(d.stopBy),
        vinRequired: d.vinRequired,
        meterStartWh: session.meterStartWh,
      },
    );
  }

  append(fx: Extract<SessionEffect, { type: 'journal' }>): JournalEntry | null {
    const at = isoAt(this.deps.clock.now());
    return this.deps.journal.append(fx.sessionId, fx.kind, at, fx.data, this.patchOf(fx, at));
  }

  close(fx: Extract<SessionEffect, { type: 'journal-close' }>): JournalEntry | null {
    const stoppedAt = isoAt(this.deps.clock.now());
    return this.deps.journal.close(fx.sessionId, { meterStopWh: fx.meterStopWh, stoppedAt, stopReason: fx.stopReason, detail: fx.detail }, (row) => this.record(row));
  }

  /** The contract record of a closed row; contract issues are logged, the record is kept. */
  record(row: JournalSessionRow): Record<string, unknown> {
    const record = sessionRecordOf(row);
    const issues = sessionRecordIssues(record);
    if (issues.length) this.deps.logger.warn({ sessionId: row.sessionId, issues }, 'session record does not meet the wire contract');
    return record;
  }

  private patchOf(fx: Extract<SessionEffect, { type: 'journal' }>, at: string): SessionPatch {
    const d = fx.data as Record<string, unknown>;
    if (fx.kind === 'meter') return { lastMeterWh: d.energyWh as number, lastMeterAt: at };
    if (fx.kind !== 'vin') return {};
    const patch: SessionPatch = { vin: d.vin as string | null, vinStatus: d.vinStatus as SessionPatch['vinStatus'], plate: d.plate as string | null };
    // The VIN stage sets the payer and attribution (mode 4; mode 1's department hint); a refusal keeps them.
    return d.verdict === 'allow' ? { ...patch, payer: d.payer as SessionPatch['payer'], attribution: d.attribution as SessionPatch['attribution'] } : patch;
  }
}

// The session journal and outbox as the domain sees them (house rule R12): a session row plus
// numbered events, each event written together with its outbox record (idempotency key
// `sessionId:seq`) in one transaction, before the agent acts on it. Implemented by
// persistence/sqlite/journal.repo.ts and outbox.repo.ts. Interfaces and row types only.
import type { Attribution, ChargingMode, CredentialKind, Payer, StopCredential } from '../authorization/authorize.types.js';
import type { VinStatus } from '../../protocols/gbt27930/messages/types.js';
import type { JournalKind } from './session.types.js';

/** What is known when a session opens (docs/charging-modes.md rule 6 fields, as far as known at the meter start). */
export interface SessionOpenRow {
  readonly sessionId: string;
  readonly connectorId: number;
  readonly pileId: string;
  readonly stationId: number;
  readonly mode: ChargingMode;
  readonly credentialKind: CredentialKind;
  readonly cardNo: string | null;
  readonly memberId: string | null;
  readonly credentialDepartmentId: string | null;
  readonly payer: Payer | null;
  readonly attribution: Attribution | null;
  /** Kept in the journal only (the mode 4 hash snapshot); never copied into an outbox record. */
  readonly stopBy: readonly StopCredential[];
  readonly meterStartWh: number;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
}

export interface JournalSessionRow extends SessionOpenRow {
  readonly vin: string | null;
  readonly vinStatus: VinStatus | null;
  readonly plate: string | null;
  readonly lastMeterWh: number;
  readonly lastMeterAt: string;
  readonly meterStopWh: number | null;
  readonly stoppedAt: string | null;
  readonly stopReason: string | null;
  readonly stopDetail: string | null;
  readonly state: 'open' | 'closed';
}

/** Fields an event may update on the session row, in the same transaction. */
export interface SessionPatch {
  readonly vin?: string | null;
  readonly vinStatus?: VinStatus;
  readonly plate?: string | null;
  readonly payer?: Payer | null;
  readonly attribution?: Attribution | null;
  readonly lastMeterWh?: number;
  readonly lastMeterAt?: string;
}

export interface JournalEntry {
  readonly sessionId: string;
  readonly seq: number;
  readonly kind: JournalKind;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface SessionClose {
  readonly meterStopWh: number;
  readonly stoppedAt: string;
  readonly stopReason: string;
  readonly detail: string | null;
}

/** The outbox record's envelope; `data` is the journal event's data (for `stopped`: the session record). */
export interface OutboxPayload {
  readonly key: string;
  readonly kind: `session.${JournalKind}`;
  readonly pileId: string;
  readonly connectorId: number;
  readonly sessionId: string;
  readonly seq: number;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface OutboxRecord {
  readonly key: string;
  readonly kind: string;
  readonly payload: OutboxPayload;
  readonly createdAt: string;
}

export interface JournalRepo {
  /** Creates the session row and its event 1 (`started`) with its outbox record, atomically. */
  open(row: SessionOpenRow, data: Readonly<Record<string, unknown>>): JournalEntry;
  /**
   * Appends the next event (and outbox record), applying `patch` to the row, atomically. Returns
   * null (writing nothing) when the session is unknown or already closed.
   */
  append(sessionId: string, kind: Exclude<JournalKind, 'started' | 'stopped'>, at: string, data: Readonly<Record<string, unknown>>, patch?: SessionPatch): JournalEntry | null;
  /**
   * Closes an open session: sets the stop fields and appends `stopped` whose data is
   * `record(closedRow)`, atomically. Idempotent: null (nothing written) when already closed.
   */
  close(sessionId: string, close: SessionClose, record: (row: JournalSessionRow) => Readonly<Record<string, unknown>>): JournalEntry | null;
  session(sessionId: string): JournalSessionRow | undefined;
  openSessions(): readonly JournalSessionRow[];
  /** Latest sessions first. */
  recent(limit: number): readonly JournalSessionRow[];
  entries(sessionId: string): readonly JournalEntry[];
}

export interface OutboxRepo {
  /** Oldest first. */
  pending(limit?: number): readonly OutboxRecord[];
  /** One session's records, in seq order (for the live sessions that go ahead of a backlog). */
  pendingOf(sessionId: string, limit?: number): readonly OutboxRecord[];
  count(): number;
  /**
   * The cloud acknowledged every record up to and including `upToKey` (in outbox order): deletes
   * them; returns how many. An unknown key deletes nothing (0).
   */
  ack(upToKey: string): number;
  /** The cloud acknowledged these records (in any order): deletes them; returns how many existed. */
  remove(keys: readonly string[]): number;
}

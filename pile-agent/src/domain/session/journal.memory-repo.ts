// In-memory JournalRepo + OutboxRepo for pure tests and simulations (house rule R12): the same
// contract as the SQLite repositories (journal-repo.contract.ts runs against both) — numbered events,
// one outbox record per event with key sessionId:seq, idempotent close, ack up to a key. Not durable.
import type { JournalEntry, JournalRepo, OutboxPayload, OutboxRecord, OutboxRepo, SessionClose, SessionOpenRow, SessionPatch, JournalSessionRow } from './journal.repo.js';
import type { JournalKind } from './session.types.js';

/** The row as the repo returns it, without the next event number kept beside it. */
function rowOf(s: JournalSessionRow & { nextSeq: number }): JournalSessionRow {
  const { nextSeq: _n, ...row } = s;
  return row;
}

export class MemoryJournalRepo implements JournalRepo, OutboxRepo {
  private readonly sessions = new Map<string, JournalSessionRow & { nextSeq: number }>();
  private readonly events = new Map<string, JournalEntry[]>();
  private box: OutboxRecord[] = [];

  open(row: SessionOpenRow, data: Readonly<Record<string, unknown>>): JournalEntry {
    if (this.sessions.has(row.sessionId)) throw new Error(`session ${row.sessionId} exists`);
    this.sessions.set(row.sessionId, {
      ...row,
      vin: null,
      vinStatus: null,
      plate: null,
      lastMeterWh: row.meterStartWh,
      lastMeterAt: row.startedAt,
      meterStopWh: null,
      stoppedAt: null,
      stopReason: null,
      stopDetail: null,
      state: 'open',
      nextSeq: 1,
    });
    return this.event(row.sessionId, 'started', row.startedAt, data);
  }

  append(sessionId: string, kind: Exclude<JournalKind, 'started' | 'stopped'>, at: string, data: Readonly<Record<string, unknown>>, patch: SessionPatch = {}): JournalEntry | null {
    const s = this.sessions.get(sessionId);
    if (s?.state !== 'open') return null;
    const defined = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined || k === 'vin' || k === 'plate'));
    this.sessions.set(sessionId, { ...s, ...defined });
    return this.event(sessionId, kind, at, data);
  }

  close(sessionId: string, close: SessionClose, record: (row: JournalSessionRow) => Readonly<Record<string, unknown>>): JournalEntry | null {
    const s = this.sessions.get(sessionId);
    if (s?.state !== 'open') return null;
    const closed = {
      ...s,
      state: 'closed' as const,
      meterStopWh: close.meterStopWh,
      stoppedAt: close.stoppedAt,
      stopReason: close.stopReason,
      stopDetail: close.detail,
      lastMeterWh: Math.max(s.lastMeterWh, close.meterStopWh),
    };
    this.sessions.set(sessionId, closed);
    return this.event(sessionId, 'stopped', close.stoppedAt, record(rowOf(closed)));
  }

  session(sessionId: string): JournalSessionRow | undefined {
    const s = this.sessions.get(sessionId);
    return s && rowOf(s);
  }

  openSessions(): readonly JournalSessionRow[] {
    return [...this.sessions.values()].map(rowOf).filter((s) => s.state === 'open');
  }

  recent(limit: number): readonly JournalSessionRow[] {
    return [...this.sessions.values()]
      .map(rowOf)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, limit);
  }

  entries(sessionId: string): readonly JournalEntry[] {
    return this.events.get(sessionId) ?? [];
  }

  pending(limit = 100): readonly OutboxRecord[] {
    return this.box.slice(0, limit);
  }

  pendingOf(sessionId: string, limit = 100): readonly OutboxRecord[] {
    return this.box.filter((r) => r.payload.sessionId === sessionId).slice(0, limit);
  }

  count(): number {
    return this.box.length;
  }

  remove(keys: readonly string[]): number {
    const drop = new Set(keys);
    const before = this.box.length;
    this.box = this.box.filter((r) => !drop.has(r.key));
    return before - this.box.length;
  }

  ack(upToKey: string): number {
    const i = this.box.findIndex((r) => r.key === upToKey);
    if (i < 0) return 0;
    this.box = this.box.slice(i + 1);
    return i + 1;
  }

  private event(sessionId: string, kind: JournalKind, at: string, data: Readonly<Record<string, unknown>>): JournalEntry {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId} in the memory journal`);
    const seq = s.nextSeq;
    this.sessions.set(sessionId, { ...s, nextSeq: seq + 1 });
    const entry: JournalEntry = { sessionId, seq, kind, at, data: structuredClone(data) };
    this.events.set(sessionId, [...(this.events.get(sessionId) ?? []), entry]);
    const key = `${sessionId}:${seq}`;
    const payload: OutboxPayload = { key, kind: `session.${kind}`, pileId: s.pileId, connectorId: s.connectorId, sessionId, seq, at, data: entry.data };
    this.box.push({ key, kind: payload.kind, payload, createdAt: at });
    return entry;
  }
}

// Disputed sessions: finished sessions the cloud would not bill (entitlement.ts, plausibility.ts),
// kept whole with the reason for the operator (`GET /api/v1/sessions/disputed`, read through the
// SessionsRepo port), billed to nobody. Keyed by (pile, session): recording one twice changes nothing.
import { prep } from '../persistence/sqlite/statements.js';
import type { Db } from '../persistence/sqlite/db.js';
import type { DisputedSession } from '../domain/sessions/disputed-session.js';

export type { DisputedSession } from '../domain/sessions/disputed-session.js';

/** What a pile sent may hold control characters: the detail an operator reads has none (C0, C1, bidi). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this pattern is for
const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');

/** Records the dispute; false when this (pile, session) was already disputed. */
export function recordDispute(db: Db, d: Omit<DisputedSession, 'record'> & { recordJson: string }): boolean {
  return (
    prep(db, `INSERT OR IGNORE INTO disputed_sessions (pile_id, session_id, station_id, reason, detail, record_json, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      d.pileId,
      d.sessionId,
      d.stationId,
      d.reason,
      printable(d.detail).slice(0, 500),
      d.recordJson,
      d.receivedAt,
    ).changes === 1
  );
}

export function isDisputed(db: Db, pileId: string, sessionId: string): boolean {
  return prep(db, 'SELECT 1 FROM disputed_sessions WHERE pile_id = ? AND session_id = ?').get(pileId, sessionId) !== undefined;
}

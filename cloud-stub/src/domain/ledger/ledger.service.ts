// The fund-pool ledger of departments and members: append-only entries in integer fen, the owner's
// balance column updated in the same transaction. Top-ups are positive; a correction (either sign)
// is its own entry with a reason; a session debit is keyed by session id so it happens once.
import { prep } from '../../persistence/sqlite/statements.js';
import type { Db } from '../../persistence/sqlite/db.js';
import { CloudError, invalid, notFound } from '../../shared/cloud-error.js';

export type LedgerOwner = { kind: 'department' | 'member'; id: number };
export type LedgerKind = 'top-up' | 'correction' | 'session';

export interface LedgerEntry {
  id: number;
  kind: LedgerKind;
  amountFen: number;
  balanceAfterFen: number;
  note: string | null;
  sessionId: string | null;
  createdAt: string;
}

const TABLE = { department: 'departments', member: 'members' } as const;
const MAX_FEN = 1_000_000_000_00; // one billion yuan: a typo guard

export interface PostEntry {
  owner: LedgerOwner;
  kind: LedgerKind;
  amountFen: number;
  note: string | null;
  sessionId?: string;
  accountId: number | null;
  at: string;
}

/** The largest balance either way (ten billion yuan), enforced by the database (migration 0007). */
export const MAX_BALANCE_FEN = 1_000_000_000_000;

/**
 * Appends one entry and moves the owner's balance; call inside a transaction with other writes. An
 * entry that would leave the balance out of ±MAX_BALANCE_FEN (or not whole fen) is refused by the
 * database's triggers: a 422 `balance-out-of-range`, nothing written.
 */
export function postEntry(db: Db, e: PostEntry): LedgerEntry {
  const table = TABLE[e.owner.kind];
  let row: { balance_fen: number } | undefined;
  try {
    row = prep(db, `UPDATE ${table} SET balance_fen = balance_fen + ? WHERE id = ? RETURNING balance_fen`).get(e.amountFen, e.owner.id) as { balance_fen: number } | undefined;
  } catch (err) {
    if (/out of range/.test((err as Error).message))
      throw new CloudError('unprocessable', 'balance-out-of-range', `this entry would take the ${e.owner.kind}'s balance out of range (±${MAX_BALANCE_FEN} fen)`, 'amountFen');
    throw err;
  }
  if (!row) throw notFound(e.owner.kind);
  const info = prep(
    db,
    `INSERT INTO ledger (owner_kind, owner_id, kind, amount_fen, balance_after_fen, note, session_id, account_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.owner.kind, e.owner.id, e.kind, e.amountFen, row.balance_fen, e.note, e.sessionId ?? null, e.accountId, e.at);
  return {
    id: Number(info.lastInsertRowid),
    kind: e.kind,
    amountFen: e.amountFen,
    balanceAfterFen: row.balance_fen,
    note: e.note,
    sessionId: e.sessionId ?? null,
    createdAt: e.at,
  };
}

/** A top-up: a positive whole number of fen. Negative or zero → 400 pointing at corrections. */
export function topUp(db: Db, owner: LedgerOwner, amountFen: number, note: string | null, accountId: number, at: string): LedgerEntry {
  if (!Number.isInteger(amountFen) || amountFen <= 0)
    throw new CloudError('invalid', 'invalid-amount', 'amountFen must be a positive whole number of fen; to take money out, post a correction with a reason', 'amountFen');
  if (amountFen > MAX_FEN) throw invalid('amountFen', `amountFen must be at most ${MAX_FEN}`, 'invalid-amount');
  return db.transaction(() => postEntry(db, { owner, kind: 'top-up', amountFen, note, accountId, at }))();
}

/** A correction: any non-zero whole number of fen, with a required reason. */
export function correct(db: Db, owner: LedgerOwner, amountFen: number, reason: string, accountId: number, at: string): LedgerEntry {
  if (!Number.isInteger(amountFen) || amountFen === 0) throw invalid('amountFen', 'amountFen must be a non-zero whole number of fen', 'invalid-amount');
  if (Math.abs(amountFen) > MAX_FEN) throw invalid('amountFen', `amountFen must be at most ${MAX_FEN} in size`, 'invalid-amount');
  if (reason.trim().length === 0) throw invalid('reason', 'a correction needs a reason');
  return db.transaction(() => postEntry(db, { owner, kind: 'correction', amountFen, note: reason.trim(), accountId, at }))();
}

export function listEntries(db: Db, owner: LedgerOwner, limit = 500): LedgerEntry[] {
  return db
    .prepare(
      `SELECT id, kind, amount_fen AS amountFen, balance_after_fen AS balanceAfterFen, note, session_id AS sessionId, created_at AS createdAt
       FROM ledger WHERE owner_kind = ? AND owner_id = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(owner.kind, owner.id, limit) as LedgerEntry[];
}

export function hasHistory(db: Db, owner: LedgerOwner): boolean {
  return prep(db, 'SELECT 1 FROM ledger WHERE owner_kind = ? AND owner_id = ? LIMIT 1').get(owner.kind, owner.id) !== undefined;
}

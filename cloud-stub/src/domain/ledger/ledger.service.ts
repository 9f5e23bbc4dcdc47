// The fund-pool ledger of departments and members: append-only entries in integer fen, the owner's
// balance column updated in the same transaction. Top-ups are positive; a correction (either sign)
// is its own entry with a reason; a session debit is keyed by session id so it happens once.
// Top-ups, corrections and listings go through the LedgerRepo port (SQLite or PostgreSQL);
// `postEntry` is the ingest's synchronous SQLite path, until the ingest moves to the store.
import { prep } from '../../persistence/sqlite/statements.js';
import type { Db } from '../../persistence/sqlite/db.js';
import { CloudError, invalid, notFound } from '../../shared/cloud-error.js';
import type { LedgerEntry, LedgerOwner, PostEntry } from './ledger-entry.js';
import type { LedgerRepo, PostRefusal } from './ledger.repo.js';

export type { LedgerEntry, LedgerOwner, PostEntry } from './ledger-entry.js';

const TABLE = { department: 'departments', member: 'members' } as const;
const MAX_FEN = 1_000_000_000_00; // one billion yuan: a typo guard

/** The largest balance either way (ten billion yuan), enforced by the database (migration 0007). */
export const MAX_BALANCE_FEN = 1_000_000_000_000;

const outOfRange = (owner: LedgerOwner) =>
  new CloudError('unprocessable', 'balance-out-of-range', `this entry would take the ${owner.kind}'s balance out of range (±${MAX_BALANCE_FEN} fen)`, 'amountFen');

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
    if (/out of range/.test((err as Error).message)) throw outOfRange(e.owner);
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

function posted(r: LedgerEntry | PostRefusal, owner: LedgerOwner): LedgerEntry {
  if (r === 'owner-not-found') throw notFound(owner.kind);
  if (r === 'out-of-range') throw outOfRange(owner);
  if (r === 'duplicate-session') throw new CloudError('conflict', 'duplicate-session', 'this session is already billed');
  return r;
}

/** A top-up: a positive whole number of fen. Negative or zero → 400 pointing at corrections. */
export async function topUp(repo: LedgerRepo, owner: LedgerOwner, amountFen: number, note: string | null, accountId: number, at: string): Promise<LedgerEntry> {
  if (!Number.isInteger(amountFen) || amountFen <= 0)
    throw new CloudError('invalid', 'invalid-amount', 'amountFen must be a positive whole number of fen; to take money out, post a correction with a reason', 'amountFen');
  if (amountFen > MAX_FEN) throw invalid('amountFen', `amountFen must be at most ${MAX_FEN}`, 'invalid-amount');
  return posted(await repo.post({ owner, kind: 'top-up', amountFen, note, accountId, at }), owner);
}

/** A correction: any non-zero whole number of fen, with a required reason. */
export async function correct(repo: LedgerRepo, owner: LedgerOwner, amountFen: number, reason: string, accountId: number, at: string): Promise<LedgerEntry> {
  if (!Number.isInteger(amountFen) || amountFen === 0) throw invalid('amountFen', 'amountFen must be a non-zero whole number of fen', 'invalid-amount');
  if (Math.abs(amountFen) > MAX_FEN) throw invalid('amountFen', `amountFen must be at most ${MAX_FEN} in size`, 'invalid-amount');
  if (reason.trim().length === 0) throw invalid('reason', 'a correction needs a reason');
  return posted(await repo.post({ owner, kind: 'correction', amountFen, note: reason.trim(), accountId, at }), owner);
}

export function listEntries(repo: LedgerRepo, owner: LedgerOwner, limit = 500): Promise<LedgerEntry[]> {
  return repo.list(owner, limit);
}

export function hasHistory(db: Db, owner: LedgerOwner): boolean {
  return prep(db, 'SELECT 1 FROM ledger WHERE owner_kind = ? AND owner_id = ? LIMIT 1').get(owner.kind, owner.id) !== undefined;
}

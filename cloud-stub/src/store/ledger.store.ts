// The ledger repository over the store, the same on SQLite and PostgreSQL: the balance moved by one
// UPDATE … RETURNING (the row's lock on PostgreSQL orders concurrent posts, so each entry's balance
// after is exact) and the entry inserted in the same transaction; a second debit of one session fails
// on the ledger's unique session id and rolls its balance change back; a range refusal by the
// database's triggers ('… out of range') rolls everything back too.
import type { LedgerRepo, PostRefusal } from '../domain/ledger/ledger.repo.js';
import type { LedgerEntry } from '../domain/ledger/ledger-entry.js';
import { isUniqueViolation, type Store } from './store.js';

class Refused extends Error {
  constructor(readonly why: PostRefusal) {
    super(why);
  }
}

export function storeLedgerRepo(store: Store): LedgerRepo {
  const db = store.db;
  return {
    post: async (e) => {
      try {
        return await db.transaction().execute(async (trx): Promise<LedgerEntry> => {
          const table = e.owner.kind === 'department' ? 'departments' : 'members';
          const moved = await trx
            .updateTable(table)
            .set((eb) => ({ balance_fen: eb('balance_fen', '+', e.amountFen) }))
            .where('id', '=', e.owner.id)
            .returning('balance_fen')
            .executeTakeFirst();
          if (!moved) throw new Refused('owner-not-found');
          const balanceAfterFen = Number(moved.balance_fen);
          const row = await trx
            .insertInto('ledger')
            .values({
              owner_kind: e.owner.kind,
              owner_id: e.owner.id,
              kind: e.kind,
              amount_fen: e.amountFen,
              balance_after_fen: balanceAfterFen,
              note: e.note,
              session_id: e.sessionId ?? null,
              account_id: e.accountId,
              created_at: e.at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return { id: Number(row.id), kind: e.kind, amountFen: e.amountFen, balanceAfterFen, note: e.note, sessionId: e.sessionId ?? null, createdAt: e.at };
        });
      } catch (err) {
        if (err instanceof Refused) return err.why;
        if (isUniqueViolation(err)) return 'duplicate-session';
        if (/out of range/.test((err as Error).message)) return 'out-of-range';
        throw err;
      }
    },
    list: async (owner, limit) =>
      (
        await db
          .selectFrom('ledger')
          .select(['id', 'kind', 'amount_fen', 'balance_after_fen', 'note', 'session_id', 'created_at'])
          .where('owner_kind', '=', owner.kind)
          .where('owner_id', '=', owner.id)
          .orderBy('id', 'desc')
          .limit(limit)
          .execute()
      ).map((r) => ({
        id: Number(r.id),
        kind: r.kind,
        amountFen: Number(r.amount_fen),
        balanceAfterFen: Number(r.balance_after_fen),
        note: r.note,
        sessionId: r.session_id,
        createdAt: r.created_at,
      })),
  };
}

// The fund-pool ledger as an asynchronous port over either engine (store/ledger.store.ts): posting
// one entry moves the owner's balance and appends the entry in one transaction — all of it or none —
// and a session's debit, keyed by its session id, is posted once however many times it is asked
// (the unique key decides, also between concurrent posts). The database refuses a balance or amount
// out of range. Listing is newest first.
import type { LedgerEntry, LedgerOwner, PostEntry } from './ledger-entry.js';

export type PostRefusal = 'owner-not-found' | 'out-of-range' | 'duplicate-session';

export interface LedgerRepo {
  post(e: PostEntry): Promise<LedgerEntry | PostRefusal>;
  list(owner: LedgerOwner, limit: number): Promise<LedgerEntry[]>;
}

// The ledger's records: whose pool (a department or a member), what kind of entry, and an entry as
// posted and as listed. Money in integer fen.
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

export interface PostEntry {
  owner: LedgerOwner;
  kind: LedgerKind;
  amountFen: number;
  note: string | null;
  sessionId?: string;
  accountId: number | null;
  at: string;
}

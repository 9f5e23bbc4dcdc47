// The tables the repositories reach through the query layer (kysely), as typed rows: one interface
// per table, column names as in the migrations of both engines (sqlite/migrations, postgres/migrations).
// Grows table by table as the services move from SQLite statements to repositories (README "Store").
import type { Generated } from 'kysely';

export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
  balance_fen: Generated<number>;
}

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: 'operator' | 'fleet';
  department_id: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface ApiTokensTable {
  token_hash: string;
  account_id: number;
  expires_ms: number;
}

export interface MembersTable {
  id: Generated<number>;
  name: string;
  department_id: number | null;
  balance_fen: Generated<number>;
}

export interface LedgerTable {
  id: Generated<number>;
  owner_kind: 'department' | 'member';
  owner_id: number;
  kind: 'top-up' | 'correction' | 'session';
  amount_fen: number;
  balance_after_fen: number;
  note: string | null;
  session_id: string | null;
  account_id: number | null;
  created_at: string;
}

export interface CardsTable {
  card_no: string;
  member_id: number;
}

export interface SessionsTable {
  session_id: string;
  card_no: string | null;
  plate: string | null;
  department_id: number | null;
  energy_wh: number;
  amount_fen: number;
  day: string;
}

export interface SessionDaysTable {
  department_id: number;
  day: string;
  vehicle_key: string;
  vin: string | null;
  plate: string | null;
  card_no: string | null;
  sessions: number;
  energy_wh: number;
  amount_fen: number;
}

export interface CloudTables {
  departments: DepartmentsTable;
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  members: MembersTable;
  ledger: LedgerTable;
  cards: CardsTable;
  sessions: SessionsTable;
  session_days: SessionDaysTable;
}

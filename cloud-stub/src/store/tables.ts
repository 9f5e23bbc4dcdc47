// The tables the repositories reach through the query layer (kysely), as typed rows: one interface
// per table, column names as in the migrations of both engines (sqlite/migrations, postgres/migrations).
// Grows table by table as the services move from SQLite statements to repositories (README "Store").
import type { Generated } from 'kysely';

export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
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

export interface CloudTables {
  departments: DepartmentsTable;
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
}

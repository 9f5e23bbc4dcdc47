// The `accounts` table's row, as the account and login services read it.
export interface AccountRow {
  id: number;
  username: string;
  password_hash: string;
  role: 'operator' | 'fleet';
  department_id: number | null;
  disabled_at: string | null;
}

-- 0001 up (PostgreSQL): departments, login accounts and their tokens — the tables of the repositories
-- moved so far (cloud-stub/src/store). Same columns as the SQLite schema (sqlite/migrations 0001, 0009);
-- usernames unique regardless of case through an index on lower(username).
CREATE TABLE departments (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  parent_id BIGINT REFERENCES departments(id),
  vin_only INTEGER NOT NULL DEFAULT 0,
  floor_fen BIGINT NOT NULL DEFAULT 0,
  balance_fen BIGINT NOT NULL DEFAULT 0,
  stop_password_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX departments_parent ON departments(parent_id);

CREATE TABLE accounts (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator', 'fleet')),
  department_id BIGINT REFERENCES departments(id),
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  CHECK ((role = 'fleet') = (department_id IS NOT NULL))
);
CREATE UNIQUE INDEX accounts_username_nocase ON accounts (lower(username));

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX api_tokens_account ON api_tokens(account_id);

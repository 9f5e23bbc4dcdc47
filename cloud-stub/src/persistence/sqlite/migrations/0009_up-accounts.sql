-- 0009 up: accounts can be disabled, and usernames are unique regardless of case (`ADMIN` is `admin`).
-- Usernames that already differ only in case keep the oldest as it is; each later one becomes
-- `NAME-ID` (the operator sees it in `account list` and can rename or delete it).
ALTER TABLE accounts ADD COLUMN disabled_at TEXT;
UPDATE accounts SET username = username || '-' || id
  WHERE id NOT IN (SELECT min(id) FROM accounts GROUP BY lower(username));
CREATE UNIQUE INDEX accounts_username_nocase ON accounts(username COLLATE NOCASE);

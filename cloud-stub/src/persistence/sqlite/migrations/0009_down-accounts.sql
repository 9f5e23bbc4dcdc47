-- 0009 down: usernames compared by case again, and no account disabled (disabled ones can log in again).
DROP INDEX accounts_username_nocase;
ALTER TABLE accounts DROP COLUMN disabled_at;

-- 0001 down (PostgreSQL)
DROP TABLE api_tokens;
DROP TABLE accounts;
DROP TABLE departments;

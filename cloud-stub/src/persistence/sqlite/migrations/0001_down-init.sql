-- 0001 down: drops everything 0001 up created.
DROP TABLE sessions;
DROP TABLE ledger;
DROP TABLE vehicles;
DROP TABLE piles;
DROP TABLE department_stations;
DROP TABLE stations;
DROP TABLE cards;
DROP TABLE members;
DROP TABLE api_tokens;
DROP TABLE accounts;
DROP TABLE department_stop_passwords;
DROP TABLE departments;

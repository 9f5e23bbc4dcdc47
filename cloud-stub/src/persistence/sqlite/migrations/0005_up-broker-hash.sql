-- 0005 up: a mosquitto-format hash of each pile's secret ($7$ = PBKDF2-SHA512), written at registration
-- and rotation, so `cloud-stub broker mosquitto-config` can write mosquitto's password_file. NULL for
-- piles registered before 0005 (rotate their secret to give them one).
ALTER TABLE piles ADD COLUMN broker_hash TEXT;

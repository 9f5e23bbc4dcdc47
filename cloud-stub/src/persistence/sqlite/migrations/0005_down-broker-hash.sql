-- 0005 down: drops the mosquitto-format secret hashes.
ALTER TABLE piles DROP COLUMN broker_hash;

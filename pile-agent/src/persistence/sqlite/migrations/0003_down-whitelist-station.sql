-- 0003 down: drops the station row of the whitelist cache.
DROP TABLE wl_station;

-- 0001 down: removes the whitelist cache.
DROP TABLE wl_fixed_password;
DROP TABLE wl_card;
DROP INDEX wl_vehicle_by_plate;
DROP TABLE wl_vehicle;
DROP TABLE wl_department;
DROP TABLE whitelist_meta;

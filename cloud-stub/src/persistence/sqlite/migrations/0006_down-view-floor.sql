-- 0006 down: forgets the compaction floors (piles behind a compacted log would then get gappy deltas:
-- run this only on a log that was never compacted).
DROP TABLE view_floor;

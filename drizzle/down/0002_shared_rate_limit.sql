-- Down migration for 0002_shared_rate_limit: drops the shared rate-limit counters.
DROP TABLE IF EXISTS "rate_limit_windows";

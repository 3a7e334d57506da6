-- The version of each connection: an update stores the next one only while the row still has the version the
-- engine read (compare-and-set), so that a rename, a test or a status change made from an older read never writes
-- a rotated refresh token's predecessor back. H2 commits every DDL statement, so the statement says IF NOT EXISTS.

ALTER TABLE ${schema}."connection" ADD COLUMN IF NOT EXISTS "version" BIGINT DEFAULT 0 NOT NULL;

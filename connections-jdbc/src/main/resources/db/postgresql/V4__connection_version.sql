-- The version of each connection: an update stores the next one only while the row still has the version the
-- engine read (compare-and-set), so that a rename, a test or a status change made from an older read never writes
-- a rotated refresh token's predecessor back.

ALTER TABLE ${schema}."connection" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;

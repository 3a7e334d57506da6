-- Whether a connected table's rows carry the hash of their values (column "cx_row_hash", added to the table itself
-- when a refresh first begins on it after this version), and under which layout: 0 for no hashes, then one more at
-- each change of the table's fields, so that no hash stored under an earlier layout matches a record. A refresh
-- then sends the database only the records that are new or changed. Tables created by this version have the column
-- from the start. H2 commits every DDL statement, so the statement says IF NOT EXISTS.

ALTER TABLE ${schema}."data_table" ADD COLUMN IF NOT EXISTS "row_hashes" bigint DEFAULT 0 NOT NULL;

-- The due time of each table's next scheduled refresh, and its name folded for case-insensitive lookups, both
-- indexed.

ALTER TABLE ${schema}."connected_table" ADD COLUMN "next_due" timestamp with time zone;
-- TableStore.foldName(name), computed in Java on insert and update
ALTER TABLE ${schema}."connected_table" ADD COLUMN "name_key" text;
CREATE INDEX "connected_table_by_due" ON ${schema}."connected_table" ("next_due");
CREATE UNIQUE INDEX "connected_table_by_name" ON ${schema}."connected_table" ("app", "created_by", "name_key");

-- Names of printable ASCII fold as LOWER(UPPER(name)) does, whatever the database's locale (in a Turkish one,
-- LOWER('I') is 'ı'); the storage folds the others in Java when it starts, since the database's case mapping of
-- other characters is not Java's.
UPDATE ${schema}."connected_table"
    SET "name_key" = TRANSLATE("name", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
    WHERE "name" ~ '^[ -~]*$';
-- Scheduled tables run once soon after the upgrade; the engine then schedules them again.
UPDATE ${schema}."connected_table" SET "next_due" = CURRENT_TIMESTAMP(3) WHERE "schedule" <> 'manual';

-- The due time of each table's next scheduled refresh, and its name folded for case-insensitive lookups, both
-- indexed. H2 commits every DDL statement, so each statement may run again after a crash: the DDL says
-- IF NOT EXISTS, and the updates, which come last and commit with the version row, touch only what is unset.

ALTER TABLE ${schema}."connected_table" ADD COLUMN IF NOT EXISTS "next_due" TIMESTAMP(9) WITH TIME ZONE;
-- TableStore.foldName(name), computed in Java on insert and update
ALTER TABLE ${schema}."connected_table" ADD COLUMN IF NOT EXISTS "name_key" CHARACTER VARYING;
CREATE INDEX IF NOT EXISTS ${schema}."connected_table_by_due" ON ${schema}."connected_table" ("next_due");
CREATE UNIQUE INDEX IF NOT EXISTS ${schema}."connected_table_by_name" ON ${schema}."connected_table" ("app", "created_by", "name_key");

-- Names of printable ASCII fold as LOWER(UPPER(name)) does, locale-proof; the storage folds the others in Java
-- when it starts, since SQL's case mapping of other characters is not Java's ('İ' lower-cases to two characters).
UPDATE ${schema}."connected_table"
    SET "name_key" = TRANSLATE("name", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
    WHERE "name_key" IS NULL AND REGEXP_LIKE("name", '^[ -~]*$');
-- Scheduled tables run once soon after the upgrade; the engine then schedules them again.
UPDATE ${schema}."connected_table" SET "next_due" = CURRENT_TIMESTAMP(3)
    WHERE "next_due" IS NULL AND "schedule" <> 'manual';

-- Leases carry a generation, the fencing token of their holder: each take adds one, so a refresh commits only while
-- its lease still has the generation it was given. A released lease keeps its row (holder NULL), and so its
-- generation. H2 commits every DDL statement, so each statement may run again after a crash.

ALTER TABLE ${schema}."lease" ADD COLUMN IF NOT EXISTS "generation" bigint NOT NULL DEFAULT 0;
ALTER TABLE ${schema}."lease" ALTER COLUMN "holder" DROP NOT NULL;

-- Leases carry a generation, the fencing token of their holder: each take adds one, so a refresh commits only while
-- its lease still has the generation it was given. A released lease keeps its row (holder NULL), and so its
-- generation.

ALTER TABLE ${schema}."lease" ADD COLUMN "generation" bigint NOT NULL DEFAULT 0;
ALTER TABLE ${schema}."lease" ALTER COLUMN "holder" DROP NOT NULL;

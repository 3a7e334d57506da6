-- The OAuth authorizations waiting for their callback, shared by every instance on the database so that a callback
-- completes on any of them. The PKCE verifier and the settings are in "sealed", the engine's ciphertext. H2 commits
-- every DDL statement, so each statement may run again after a crash: they all say IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS ${schema}."oauth_authorization" (
    "state"         CHARACTER VARYING NOT NULL PRIMARY KEY,
    "owner_id"      CHARACTER VARYING NOT NULL,
    "service"       CHARACTER VARYING NOT NULL,
    "name"          CHARACTER VARYING NOT NULL,
    "reauthorizing" CHARACTER VARYING,
    "url"           CHARACTER VARYING NOT NULL,
    "expires_at"    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    "sealed"        BINARY VARYING NOT NULL
);
CREATE INDEX IF NOT EXISTS ${schema}."oauth_authorization_by_expiry" ON ${schema}."oauth_authorization" ("expires_at");

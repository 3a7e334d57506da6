-- The OAuth authorizations waiting for their callback, shared by every instance on the database so that a callback
-- completes on any of them. The PKCE verifier and the settings are in "sealed", the engine's ciphertext.

CREATE TABLE ${schema}."oauth_authorization" (
    "state"         text NOT NULL PRIMARY KEY,
    "owner_id"      text NOT NULL,
    "service"       text NOT NULL,
    "name"          text NOT NULL,
    "reauthorizing" text,
    "url"           text NOT NULL,
    "expires_at"    timestamp with time zone NOT NULL,
    "sealed"        bytea NOT NULL
);
CREATE INDEX "oauth_authorization_by_expiry" ON ${schema}."oauth_authorization" ("expires_at");

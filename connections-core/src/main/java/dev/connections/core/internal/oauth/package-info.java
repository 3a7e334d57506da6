/**
 * The engine's OAuth 2.0 runtime: the host's client registrations and redirect URI, authorizations waiting for their
 * callback (state and PKCE), code exchange, the tokens each connection shares among its sessions (single-flight
 * refresh, stored before use) and revocation. Nobody outside {@code connections-core} uses it: hosts go through
 * {@code ConnectionService}, connectors through {@code ConnectorContext.oauth()}.
 */
package dev.connections.core.internal.oauth;

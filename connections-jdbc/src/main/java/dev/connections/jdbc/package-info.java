/**
 * A storage in a relational database, {@link dev.connections.jdbc.JdbcStorage}: an embedded H2 file database (with its
 * own credentials key file) or the host's PostgreSQL, every connected table a real SQL table a host can read with
 * plain SQL. Hosts use {@code JdbcStorage} and catch {@link dev.connections.jdbc.JdbcStorageException}; every other
 * type is the storage's own (stores, the refresh writer's staging and merge, migrations) and not used outside this
 * module.
 */
package dev.connections.jdbc;

/**
 * PostgreSQL persistence for PayLedger: every core port on JDBI's fluent Handle API, Flyway migrations, a
 * HikariCP {@link javax.sql.DataSource} factory and an embedded PostgreSQL for running without a server.
 * Start at {@link dev.payledger.jdbc.JdbcPersistence#create(javax.sql.DataSource)}.
 */
package dev.payledger.jdbc;

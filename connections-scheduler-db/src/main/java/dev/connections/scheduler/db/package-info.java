/**
 * Cluster scheduling of an SDK's refreshes on db-scheduler: {@link dev.connections.scheduler.db.DbSchedulerRefreshes}
 * (the tasks, and a scheduler for a host that has none) and
 * {@link dev.connections.scheduler.db.ScheduledTasksTable} (db-scheduler's table). See docs/scheduling.md.
 */
package dev.connections.scheduler.db;

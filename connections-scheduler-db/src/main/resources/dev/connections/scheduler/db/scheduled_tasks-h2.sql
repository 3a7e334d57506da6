-- db-scheduler's table, as db-scheduler 16 reads and writes it; ScheduledTasksTable.create runs this once per database
CREATE TABLE IF NOT EXISTS scheduled_tasks (
    task_name            varchar(100)             NOT NULL,
    task_instance        varchar(200)             NOT NULL,
    task_data            varbinary,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            varchar(200),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS scheduled_tasks_by_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX IF NOT EXISTS scheduled_tasks_by_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX IF NOT EXISTS scheduled_tasks_by_priority ON scheduled_tasks (priority DESC, execution_time ASC);

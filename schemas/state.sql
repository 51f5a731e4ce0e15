-- coordc state database (coordc apply), the current full schema (version 3).
-- The migrations that build it are runtime/state/migrations/*.sql; a test
-- checks that they produce exactly this schema.
--
-- Tables and columns are named after Oozie's (COORD_JOBS, COORD_ACTIONS,
-- WF_JOBS, WF_ACTIONS) so Oozie users can query them the same way. The SQL is
-- portable: it runs unchanged on SQLite (what coordc uses) and PostgreSQL.
-- Times are UTC text 'YYYY-MM-DDTHH:MM:SSZ' (sortable, readable in queries);
-- configurations are JSON objects as text.

CREATE TABLE schema_migrations (
  version     INTEGER PRIMARY KEY,
  applied_at  VARCHAR(25) NOT NULL
);

CREATE TABLE coord_jobs (
  id                    VARCHAR(64) PRIMARY KEY,  -- e.g. 0000001-daily-logs-C
  app_name              VARCHAR(255) NOT NULL,
  app_path              VARCHAR(1024) NOT NULL,   -- the definition file
  app_namespace         VARCHAR(64) NOT NULL,
  definition_hash       VARCHAR(64) NOT NULL,     -- sha256 of definition + properties
  conf                  TEXT NOT NULL,            -- job properties, JSON object
  frequency             VARCHAR(255) NOT NULL,    -- as Oozie stores it: 1440, 1, "0 5 * * *"
  time_unit             VARCHAR(16) NOT NULL,     -- MINUTE, DAY, WEEK, MONTH, CRON
  end_of_duration       VARCHAR(16) NOT NULL,     -- NONE, END_OF_DAY, ...
  time_zone             VARCHAR(64) NOT NULL,
  start_time            VARCHAR(25) NOT NULL,
  end_time              VARCHAR(25) NOT NULL,
  pause_time            VARCHAR(25),
  concurrency           INTEGER NOT NULL,
  mat_throttling        INTEGER NOT NULL,
  time_out              INTEGER NOT NULL,         -- minutes, Oozie's effective value
  execution             VARCHAR(16) NOT NULL,     -- FIFO, LIFO, LAST_ONLY, NONE
  status                VARCHAR(32) NOT NULL,     -- PREP, RUNNING, SUCCEEDED, DONEWITHERROR, ...
  last_action_number    INTEGER NOT NULL DEFAULT 0,
  next_matd_time        VARCHAR(25),              -- nominal time of the next action to materialize
  done_materialization  INTEGER NOT NULL DEFAULT 0,
  user_name             VARCHAR(255),
  bundle_id             VARCHAR(64),
  created_time          VARCHAR(25) NOT NULL,
  last_modified_time    VARCHAR(25) NOT NULL,
  suspended_time        VARCHAR(25),
  pending               INTEGER NOT NULL DEFAULT 0,
  duplicate_number      INTEGER NOT NULL DEFAULT 0, -- n for the n-th duplicate submitted before version 2, else 0
  definition            TEXT,                     -- the files the job was compiled from, JSON object path -> text
  next_due_time         VARCHAR(25),              -- when a job with no active action next has work; NULL: now
  due_seq               INTEGER NOT NULL DEFAULT 0 -- bumped by every operation that makes the job due
);
CREATE INDEX coord_jobs_status ON coord_jobs (status);
-- one job per definition file, coordinator name and definition hash
CREATE UNIQUE INDEX coord_jobs_submission ON coord_jobs (app_path, app_name, definition_hash, duplicate_number);
CREATE INDEX coord_jobs_next_due ON coord_jobs (next_due_time);

CREATE TABLE coord_actions (
  id                    VARCHAR(80) PRIMARY KEY,  -- <job id>@<action number>
  job_id                VARCHAR(64) NOT NULL REFERENCES coord_jobs (id),
  action_number         INTEGER NOT NULL,
  nominal_time          VARCHAR(25) NOT NULL,
  status                VARCHAR(32) NOT NULL,     -- WAITING, READY, SUBMITTED, RUNNING, ...
  created_time          VARCHAR(25) NOT NULL,     -- materialization time: coord:actualTime()
  last_modified_time    VARCHAR(25) NOT NULL,
  rerun_time            VARCHAR(25),
  time_out              INTEGER NOT NULL,         -- minutes, fixed at materialization
  run                   INTEGER NOT NULL DEFAULT 0, -- 0, then 1, 2, ... per rerun
  action_json           TEXT NOT NULL,            -- the planned action (inputs, outputs), as coordc plan shows it
  missing_dependencies  TEXT,                     -- the first missing done-flag path
  run_conf              TEXT,                     -- resolved action configuration, JSON object, set at READY
  external_id           VARCHAR(128),             -- the workflow job id
  external_status       VARCHAR(32),
  error_code            VARCHAR(64),
  error_message         TEXT,
  pending               INTEGER NOT NULL DEFAULT 0,
  owner                 VARCHAR(128),             -- the scheduler that started the action (schedulers.id)
  UNIQUE (job_id, action_number),
  UNIQUE (job_id, nominal_time)
);
CREATE INDEX coord_actions_job_status ON coord_actions (job_id, status);
CREATE INDEX coord_actions_status ON coord_actions (status);
CREATE INDEX coord_actions_owner_pending ON coord_actions (owner, pending);

CREATE TABLE wf_jobs (
  id                    VARCHAR(128) PRIMARY KEY, -- <coord action id>-W<run>
  parent_id             VARCHAR(80),              -- the coordinator action
  app_name              VARCHAR(255) NOT NULL,
  app_path              VARCHAR(1024) NOT NULL,
  conf                  TEXT NOT NULL,            -- workflow configuration, JSON object
  user_name             VARCHAR(255),
  status                VARCHAR(32) NOT NULL,     -- PREP, RUNNING, SUCCEEDED, FAILED, KILLED, SUSPENDED
  run                   INTEGER NOT NULL DEFAULT 0,
  created_time          VARCHAR(25) NOT NULL,
  start_time            VARCHAR(25),
  end_time              VARCHAR(25),
  last_modified_time    VARCHAR(25) NOT NULL,
  error_code            VARCHAR(64),
  error_message         TEXT
);
CREATE INDEX wf_jobs_parent ON wf_jobs (parent_id);
CREATE INDEX wf_jobs_status ON wf_jobs (status);

CREATE TABLE wf_actions (
  id                    VARCHAR(255) PRIMARY KEY, -- <wf id>@<node name>
  wf_id                 VARCHAR(128) NOT NULL REFERENCES wf_jobs (id),
  name                  VARCHAR(255) NOT NULL,
  type                  VARCHAR(32) NOT NULL,     -- :START:, :END:, :KILL:, :FORK:, :JOIN:, switch, shell, fs
  status                VARCHAR(32) NOT NULL,     -- PREP, RUNNING, OK, ERROR, DONE, KILLED, FAILED, START_RETRY, END_RETRY
  transition            VARCHAR(255),             -- the node taken next
  conf                  TEXT,                     -- the resolved action definition
  external_id           VARCHAR(128),             -- shell: pid:<pid>:<process start time>
  external_status       VARCHAR(64),
  created_time          VARCHAR(25) NOT NULL,
  start_time            VARCHAR(25),
  end_time              VARCHAR(25),
  last_check_time       VARCHAR(25),
  last_modified_time    VARCHAR(25) NOT NULL,
  retries               INTEGER NOT NULL DEFAULT 0,
  user_retry_max        INTEGER NOT NULL DEFAULT 0,
  user_retry_interval   INTEGER NOT NULL DEFAULT 10, -- minutes
  data                  TEXT,                     -- capture-output properties, JSON object
  error_code            VARCHAR(64),
  error_message         TEXT,
  pending               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX wf_actions_wf ON wf_actions (wf_id);
CREATE INDEX wf_actions_status ON wf_actions (status);

-- The jars coordc uploaded to Flink clusters (the Flink client's jar cache).
CREATE TABLE flink_jars (
  endpoint              VARCHAR(1024) NOT NULL,   -- the Flink REST base URL
  sha256                VARCHAR(64) NOT NULL,     -- of the jar's bytes
  jar_id                VARCHAR(255) NOT NULL,    -- the id Flink gave the upload
  uploaded_time         VARCHAR(25) NOT NULL,
  PRIMARY KEY (endpoint, sha256)
);

-- The schedulers (coordc apply processes) working on the database. A
-- scheduler owns the actions it started while its heartbeat is fresh.
CREATE TABLE schedulers (
  id                    VARCHAR(128) PRIMARY KEY, -- <host>:<pid>:<start time>
  host                  VARCHAR(255) NOT NULL,
  started_time          VARCHAR(25) NOT NULL,
  heartbeat_time        VARCHAR(25) NOT NULL
);

-- On PostgreSQL, row triggers on coord_jobs and coord_actions also notify
-- the channel coordc_state of every change (runtime/state/migrations/
-- 0003_shared_state.postgres.sql), for the schedulers that LISTEN on it.

-- SLA monitoring and notifications (issue 15).
-- sla_registration and sla_summary are shaped after Oozie's SLA_REGISTRATION
-- and SLA_SUMMARY: one row per coordinator action with an <sla:info>, the
-- resolved definition and what the SLA service found. Durations are
-- milliseconds (-1 when not given), as in Oozie.
CREATE TABLE sla_registration (
  job_id                VARCHAR(255) PRIMARY KEY, -- the coordinator action (or workflow) ID
  parent_id             VARCHAR(255),             -- its coordinator job
  app_name              VARCHAR(255) NOT NULL,
  app_type              VARCHAR(32) NOT NULL,     -- COORDINATOR_ACTION, WORKFLOW_JOB, WORKFLOW_ACTION
  user_name             VARCHAR(255),
  nominal_time          VARCHAR(25) NOT NULL,
  expected_start        VARCHAR(25),
  expected_end          VARCHAR(25),
  expected_duration     BIGINT NOT NULL DEFAULT -1,
  alert_events          VARCHAR(255),             -- START_MISS,END_MISS,DURATION_MISS …
  alert_contact         VARCHAR(1024),
  notification_msg      TEXT,
  upstream_apps         TEXT,
  sla_config            TEXT NOT NULL,            -- the <sla:info> fields as resolved, JSON object
  created_time          VARCHAR(25) NOT NULL
);
CREATE INDEX sla_registration_parent ON sla_registration (parent_id);

CREATE TABLE sla_summary (
  job_id                VARCHAR(255) PRIMARY KEY REFERENCES sla_registration (job_id),
  parent_id             VARCHAR(255),
  app_name              VARCHAR(255) NOT NULL,
  app_type              VARCHAR(32) NOT NULL,
  user_name             VARCHAR(255),
  nominal_time          VARCHAR(25) NOT NULL,
  expected_start        VARCHAR(25),
  expected_end          VARCHAR(25),
  expected_duration     BIGINT NOT NULL DEFAULT -1,
  actual_start          VARCHAR(25),
  actual_end            VARCHAR(25),
  actual_duration       BIGINT NOT NULL DEFAULT -1,
  job_status            VARCHAR(32) NOT NULL,     -- the action's status when last checked
  event_status          VARCHAR(255),             -- the events so far, e.g. START_MET,END_MISS
  sla_status            VARCHAR(32) NOT NULL,     -- NOT_STARTED, IN_PROCESS, MET, MISS
  event_processed       INTEGER NOT NULL DEFAULT 0, -- bits: 1 start, 2 duration, 4 end decided
  created_time          VARCHAR(25) NOT NULL,
  last_modified_time    VARCHAR(25) NOT NULL
);
CREATE INDEX sla_summary_open ON sla_summary (event_processed);
CREATE INDEX sla_summary_nominal ON sla_summary (nominal_time);
CREATE INDEX sla_summary_parent ON sla_summary (parent_id);

-- The notification outbox: one row per event (a coordinator action's status
-- change, an SLA event), written in the transaction that makes the change.
-- The delivery worker expands an event into one delivery per destination
-- (dispatched = 1) and sends them, at least once.
CREATE TABLE events (
  id                    VARCHAR(64) PRIMARY KEY,
  created_time          VARCHAR(25) NOT NULL,
  msg_type              VARCHAR(8) NOT NULL,      -- JOB or SLA (Oozie's JMS message types)
  app_type              VARCHAR(32) NOT NULL,     -- COORDINATOR_ACTION, WORKFLOW_JOB, …
  entity_id             VARCHAR(255) NOT NULL,    -- the action (or workflow) ID
  parent_id             VARCHAR(255),
  app_name              VARCHAR(255) NOT NULL,
  user_name             VARCHAR(255),
  status                VARCHAR(32) NOT NULL,     -- JOB: the new status; SLA: the sla_status
  event_status          VARCHAR(32) NOT NULL,     -- JOB: STARTED, SUCCESS, …; SLA: START_MISS, …
  body                  TEXT NOT NULL,            -- the message, JSON object
  dispatched            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_dispatched ON events (dispatched, created_time);
CREATE INDEX events_entity ON events (entity_id);

CREATE TABLE deliveries (
  id                    VARCHAR(128) PRIMARY KEY, -- <event id>/<n>
  event_id              VARCHAR(64) NOT NULL REFERENCES events (id),
  channel               VARCHAR(16) NOT NULL,     -- url, webhook, email
  target                VARCHAR(2048) NOT NULL,   -- the URL, the webhook's name, the addresses
  attempts              INTEGER NOT NULL DEFAULT 0,
  next_attempt_time     VARCHAR(25) NOT NULL,
  delivered_time        VARCHAR(25),
  last_error            TEXT
);
CREATE INDEX deliveries_due ON deliveries (delivered_time, next_attempt_time);

-- Bundle jobs and their coordinator entries (shaped after Oozie's
-- BUNDLE_JOBS and BUNDLE_ACTIONS); coord_jobs.bundle_id points back.
CREATE TABLE bundle_jobs (
  id                    VARCHAR(64) PRIMARY KEY,  -- e.g. 0000001-pipeline-B
  app_name              VARCHAR(255) NOT NULL,
  app_path              VARCHAR(1024) NOT NULL,   -- the bundle definition file
  definition_hash       VARCHAR(64) NOT NULL,     -- sha256 of definition + properties
  conf                  TEXT NOT NULL,            -- job properties, JSON object
  user_name             VARCHAR(255),
  status                VARCHAR(32) NOT NULL,     -- PREP, RUNNING, DONEWITHERROR, ...
  kickoff_time          VARCHAR(25) NOT NULL,     -- the kick-off-time, or the submission time without one
  start_time            VARCHAR(25),              -- when the bundle started (kick-off reached)
  end_time              VARCHAR(25),              -- the end time set by change, NULL until then
  pause_time            VARCHAR(25),
  created_time          VARCHAR(25) NOT NULL,
  last_modified_time    VARCHAR(25) NOT NULL,
  suspended_time        VARCHAR(25),
  pending               INTEGER NOT NULL DEFAULT 0,
  job_xml               TEXT NOT NULL             -- the bundle definition as submitted
);
CREATE INDEX bundle_jobs_status ON bundle_jobs (status);
-- one bundle job per definition file, bundle name and definition hash
CREATE UNIQUE INDEX bundle_jobs_submission ON bundle_jobs (app_path, app_name, definition_hash);

CREATE TABLE bundle_actions (
  bundle_action_id      VARCHAR(320) PRIMARY KEY, -- <bundle id>_<coordinator entry name>
  bundle_id             VARCHAR(64) NOT NULL REFERENCES bundle_jobs (id),
  coord_name            VARCHAR(255) NOT NULL,    -- the entry's name in the bundle
  coord_id              VARCHAR(64) NOT NULL,     -- its coordinator job
  status                VARCHAR(32) NOT NULL,     -- the coordinator job's status at the last roll-up
  critical              INTEGER NOT NULL DEFAULT 0,
  pending               INTEGER NOT NULL DEFAULT 0,
  last_modified_time    VARCHAR(25) NOT NULL
);
CREATE INDEX bundle_actions_bundle ON bundle_actions (bundle_id);
CREATE INDEX coord_jobs_bundle ON coord_jobs (bundle_id);

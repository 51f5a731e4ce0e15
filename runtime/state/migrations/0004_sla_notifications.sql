-- coordc state database, migration 3. Frozen once released; add a new one.
--
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

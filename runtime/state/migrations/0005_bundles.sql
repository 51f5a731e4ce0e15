-- coordc state database, migration 5. Frozen once released; add a new one.
--
-- Bundles as jobs (issue 15). bundle_jobs and bundle_actions are shaped
-- after Oozie's BUNDLE_JOBS and BUNDLE_ACTIONS: one row per bundle job and
-- one per coordinator entry of it, linking the entry to its coordinator job
-- (coord_jobs.bundle_id points back). A bundle job stays PREP, and its
-- coordinator jobs with it, until its kick-off time; its status is rolled up
-- from its coordinators' as Oozie's status transit does.
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

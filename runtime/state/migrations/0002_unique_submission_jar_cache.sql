-- coordc state database, migration 2. Frozen once released; add a new one.
--
-- Submission is unique (issue 11 F1): one job per definition file,
-- coordinator name and definition hash. Jobs that a coordc before this
-- version submitted twice keep their rows; the n-th duplicate (by job ID)
-- gets duplicate_number n, so the unique index holds for old databases too
-- and every new submission (duplicate_number 0) collides with the first.
ALTER TABLE coord_jobs ADD COLUMN duplicate_number INTEGER NOT NULL DEFAULT 0;
UPDATE coord_jobs SET duplicate_number = (SELECT COUNT(*) FROM coord_jobs AS o
  WHERE o.app_path = coord_jobs.app_path AND o.app_name = coord_jobs.app_name
    AND o.definition_hash = coord_jobs.definition_hash AND o.id < coord_jobs.id);
CREATE UNIQUE INDEX coord_jobs_submission ON coord_jobs (app_path, app_name, definition_hash, duplicate_number);

-- The jars coordc uploaded to Flink clusters, so a restarted apply reuses
-- them (checked against GET /jars) and deletes them when no job needs them.
CREATE TABLE flink_jars (
  endpoint              VARCHAR(1024) NOT NULL,   -- the Flink REST base URL
  sha256                VARCHAR(64) NOT NULL,     -- of the jar's bytes
  jar_id                VARCHAR(255) NOT NULL,    -- the id Flink gave the upload
  uploaded_time         VARCHAR(25) NOT NULL,
  PRIMARY KEY (endpoint, sha256)
);

-- coordc state database, migration 3. Frozen once released; add a new one.
--
-- Shared state (issue 13): several schedulers on one database.
-- The definition files are stored with the job, so that any scheduler runs
-- it without the files and a job never strands because a file changed.
ALTER TABLE coord_jobs ADD COLUMN definition TEXT;
-- The scheduler that started an action owns it while its heartbeat is
-- fresh; after that another scheduler adopts the action.
ALTER TABLE coord_actions ADD COLUMN owner VARCHAR(128);
CREATE TABLE schedulers (
  id                    VARCHAR(128) PRIMARY KEY, -- <host>:<pid>:<start time>
  host                  VARCHAR(255) NOT NULL,
  started_time          VARCHAR(25) NOT NULL,
  heartbeat_time        VARCHAR(25) NOT NULL
);

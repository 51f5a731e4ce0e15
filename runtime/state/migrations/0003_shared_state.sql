-- coordc state database, migration 3. Frozen once released; add a new one.
--
-- Shared state (issue 13): several schedulers on one database.
-- The definition files are stored with the job, so that any scheduler runs
-- it without the files and a job never strands because a file changed.
ALTER TABLE coord_jobs ADD COLUMN definition TEXT;
-- When a job with no active action next has work (a materialization); NULL
-- means at once. A tick reads only the jobs due, through this index.
-- due_seq counts the operations that made the job due, so a tick never
-- overwrites a newer NULL with its older estimate.
ALTER TABLE coord_jobs ADD COLUMN next_due_time VARCHAR(25);
ALTER TABLE coord_jobs ADD COLUMN due_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX coord_jobs_next_due ON coord_jobs (next_due_time);
-- The scheduler that started an action owns it while its heartbeat is
-- fresh; after that another scheduler adopts the action.
ALTER TABLE coord_actions ADD COLUMN owner VARCHAR(128);
CREATE INDEX coord_actions_owner_pending ON coord_actions (owner, pending);
CREATE TABLE schedulers (
  id                    VARCHAR(128) PRIMARY KEY, -- <host>:<pid>:<start time>
  host                  VARCHAR(255) NOT NULL,
  started_time          VARCHAR(25) NOT NULL,
  heartbeat_time        VARCHAR(25) NOT NULL
);

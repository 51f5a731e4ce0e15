-- coordc state database, migration 3, PostgreSQL only. Frozen once released.
--
-- Every change to a job or an action notifies the channel coordc_state, so
-- that sleeping schedulers (LISTEN coordc_state) act on a kill, a rerun or
-- a new submission at once. The payload is the tables' schema: several
-- state databases may share one PostgreSQL database. Row triggers: a
-- guarded UPDATE that matches no row wakes no one. PostgreSQL delivers the
-- notification at commit, once per transaction.
CREATE FUNCTION coordc_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coordc_state', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;
CREATE TRIGGER coord_jobs_notify AFTER INSERT OR UPDATE OR DELETE ON coord_jobs
  FOR EACH ROW EXECUTE FUNCTION coordc_notify();
CREATE TRIGGER coord_actions_notify AFTER INSERT OR UPDATE OR DELETE ON coord_actions
  FOR EACH ROW EXECUTE FUNCTION coordc_notify();

-- Migration 3 (docs/ARCHIVE.md, "Exact counts from the day counts"): how many events each UTC day
-- holds per action, resource type, organization and build reason, and how many of them failed
-- (status 400 or above): a few hundred rows a day. A count, a filter list of these columns or a
-- timeline of whole days, under filters that are only these and a date range, sums these rows
-- instead of reading millions of events. Triggers on audit_event keep it in the same transaction as every write, whoever
-- writes (a sync, or an operator's DELETE for retention); TRUNCATE is not counted.
CREATE TABLE audit_day_count (
  day           date NOT NULL,
  action        text NOT NULL,
  resource_type text NOT NULL,
  org_name      text NOT NULL,
  org_display   text NOT NULL,
  org_id        text NOT NULL,
  org_label     text NOT NULL,
  build_reason  text NOT NULL,
  n             bigint NOT NULL,
  failed        bigint NOT NULL,
  PRIMARY KEY (day, action, resource_type, org_name, org_display, org_id, org_label, build_reason)
);

CREATE FUNCTION audit_day_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_day_count AS d
  SELECT (time AT TIME ZONE 'UTC')::date, action, resource_type, org_name, org_display, org_id,
         org_label, build_reason, count(*), count(*) FILTER (WHERE status >= 400)
  FROM added GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (day, action, resource_type, org_name, org_display, org_id, org_label, build_reason)
  DO UPDATE SET n = d.n + EXCLUDED.n, failed = d.failed + EXCLUDED.failed;
  RETURN NULL;
END $$;

-- An event replaced by another JSON of the same id (its fields may differ): out of its old group,
-- into its new one.
CREATE FUNCTION audit_day_count_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_day_count AS d
  SELECT day, action, resource_type, org_name, org_display, org_id, org_label, build_reason,
         sum(n), sum(failed)
  FROM (SELECT (time AT TIME ZONE 'UTC')::date AS day, action, resource_type, org_name,
               org_display, org_id, org_label, build_reason, 1 AS n,
               CASE WHEN status >= 400 THEN 1 ELSE 0 END AS failed FROM after_rows
        UNION ALL
        SELECT (time AT TIME ZONE 'UTC')::date, action, resource_type, org_name, org_display,
               org_id, org_label, build_reason, -1,
               CASE WHEN status >= 400 THEN -1 ELSE 0 END FROM before_rows) AS moved
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(n) <> 0 OR sum(failed) <> 0
  ON CONFLICT (day, action, resource_type, org_name, org_display, org_id, org_label, build_reason)
  DO UPDATE SET n = d.n + EXCLUDED.n, failed = d.failed + EXCLUDED.failed;
  RETURN NULL;
END $$;

CREATE FUNCTION audit_day_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_day_count AS d SET n = d.n - gone.n, failed = d.failed - gone.failed
  FROM (SELECT (time AT TIME ZONE 'UTC')::date AS day, action, resource_type, org_name,
               org_display, org_id, org_label, build_reason, count(*) AS n,
               count(*) FILTER (WHERE status >= 400) AS failed
        FROM removed GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) AS gone
  WHERE d.day = gone.day AND d.action = gone.action AND d.resource_type = gone.resource_type
    AND d.org_name = gone.org_name AND d.org_display = gone.org_display
    AND d.org_id = gone.org_id AND d.org_label = gone.org_label
    AND d.build_reason = gone.build_reason;
  RETURN NULL;
END $$;

-- The triggers first: creating one locks audit_event against writes until this migration commits,
-- so the counts below and every later write are each counted once.
CREATE TRIGGER audit_day_count_inserted AFTER INSERT ON audit_event
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION audit_day_count_inserted();
CREATE TRIGGER audit_day_count_updated AFTER UPDATE ON audit_event
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_day_count_updated();
CREATE TRIGGER audit_day_count_deleted AFTER DELETE ON audit_event
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION audit_day_count_deleted();

INSERT INTO audit_day_count
SELECT (time AT TIME ZONE 'UTC')::date, action, resource_type, org_name, org_display, org_id,
       org_label, build_reason, count(*), count(*) FILTER (WHERE status >= 400)
FROM audit_event GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- One person's events of one kind (user + resource type): counted from this index alone, where
-- the username index left 350,000 scattered rows to read at ten million events (3.3 s).
CREATE INDEX audit_event_user_type ON audit_event (username, resource_type, action);

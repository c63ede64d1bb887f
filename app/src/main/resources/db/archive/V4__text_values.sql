-- Migration 4 (docs/ARCHIVE.md, "Free text that names targets"): the distinct parts of the
-- free-text column audit_event.search, which holds each event's target, actor, description, action
-- and type, lower-cased, separated by chr(2). A free-text term found in targets only (no actor,
-- description, action or type of any event holds it) is then the same filter as "target is one of
-- these": a count reads the (resource_target, time, id) index alone instead of every matching event.
-- Kept by triggers in the same transaction as every insert and update. A deleted event's values
-- stay: a value without events matches nothing, so they never change an answer.
CREATE TABLE audit_text_value (
  part    smallint NOT NULL,  -- 1 target, 2 actor, 3 description, 4 action, 5 type; 0: an event
                              -- whose search does not split in five (a chr(2) in one of its parts)
  value   text NOT NULL,      -- part 1: resource_target as stored; the others: the lowered part
  lowered text NOT NULL,      -- the part as search holds it
  PRIMARY KEY (part, value)
);
CREATE INDEX audit_text_value_lowered ON audit_text_value USING gin (lowered gin_trgm_ops);

CREATE FUNCTION audit_text_value_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_text_value (part, value, lowered)
  SELECT p.part, CASE WHEN p.part = 1 THEN a.resource_target ELSE p.lowered END, p.lowered
  FROM added a,
       unnest(string_to_array(a.search, chr(2))) WITH ORDINALITY AS p(lowered, part)
  WHERE cardinality(string_to_array(a.search, chr(2))) = 5
  UNION
  SELECT 0, '', '' FROM added WHERE cardinality(string_to_array(search, chr(2))) <> 5
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- The triggers first, so every write after this migration's snapshot is kept (see migration 3).
CREATE TRIGGER audit_text_value_inserted AFTER INSERT ON audit_event
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION audit_text_value_added();
CREATE TRIGGER audit_text_value_updated AFTER UPDATE ON audit_event
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION audit_text_value_added();

INSERT INTO audit_text_value (part, value, lowered)
SELECT p.part, CASE WHEN p.part = 1 THEN a.resource_target ELSE p.lowered END, p.lowered
FROM audit_event a,
     unnest(string_to_array(a.search, chr(2))) WITH ORDINALITY AS p(lowered, part)
WHERE cardinality(string_to_array(a.search, chr(2))) = 5
UNION
SELECT 0, '', '' FROM audit_event WHERE cardinality(string_to_array(search, chr(2))) <> 5
ON CONFLICT DO NOTHING;

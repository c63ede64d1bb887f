-- The team archive's first schema (docs/ARCHIVE.md). PostgreSQL 14 or newer (date_bin).
-- pg_trgm is a trusted extension: the database's owner may create it without a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per audit event. raw is the event's JSON exactly as the server sent it (text, not jsonb,
-- so not one byte changes; cast raw::jsonb to query it); the other columns are extracted from it
-- for the filters, sorts and free text of the window and the CLI.
CREATE TABLE audit_event (
  id              text COLLATE "C" PRIMARY KEY,
  time            timestamptz NOT NULL,
  action          text NOT NULL,
  resource_type   text NOT NULL,
  resource_target text NOT NULL,
  resource_id     text NOT NULL,
  request_id      text NOT NULL,
  username        text NOT NULL,
  actor_id        text NOT NULL,
  email_lc        text NOT NULL,  -- lower-cased: email: filters ignore case
  actor_key       text NOT NULL,  -- username, email, id, name: the User sort
  org_name        text NOT NULL,
  org_display     text NOT NULL,
  org_id          text NOT NULL,
  org_label       text NOT NULL,  -- the name, or the id when it has none: the Organization filter
  org_key         text NOT NULL,  -- name, display name, id: the Organization sort
  build_reason    text NOT NULL,
  status          integer NOT NULL,
  ip              text NOT NULL,
  search          text NOT NULL,  -- lower-cased target, actor, description, action, type
  raw             text NOT NULL,
  stored_at       timestamptz NOT NULL DEFAULT now()
);

-- Time: a BRIN index is tiny and serves date ranges over a table filled roughly in time order;
-- the btree gives the newest-first order and the (time, id) keyset of the table's pages.
CREATE INDEX audit_event_time_brin ON audit_event USING brin (time);
CREATE INDEX audit_event_newest ON audit_event (time DESC, id DESC);
-- Every filter, each with time so a filtered first page reads in order without sorting.
CREATE INDEX audit_event_action ON audit_event (action, time DESC, id DESC);
CREATE INDEX audit_event_resource_type ON audit_event (resource_type, time DESC, id DESC);
CREATE INDEX audit_event_resource_target ON audit_event (resource_target, time DESC, id DESC);
CREATE INDEX audit_event_username ON audit_event (username, time DESC, id DESC);
CREATE INDEX audit_event_actor_id ON audit_event (actor_id);
CREATE INDEX audit_event_email ON audit_event (email_lc);
CREATE INDEX audit_event_org_name ON audit_event (org_name);
CREATE INDEX audit_event_org_display ON audit_event (org_display);
CREATE INDEX audit_event_org_id ON audit_event (org_id);
CREATE INDEX audit_event_build_reason ON audit_event (build_reason) WHERE build_reason <> '';
CREATE INDEX audit_event_resource_id ON audit_event (resource_id);
CREATE INDEX audit_event_request_id ON audit_event (request_id);
-- Free text: every term is a LIKE '%term%' on search, answered by the trigram index.
CREATE INDEX audit_event_search ON audit_event USING gin (search gin_trgm_ops);

-- The completeness record (docs/SYNC.md), one row per UTC day, as the H2 cache's day_check.
-- next_older is an epoch day; -9223372036854775808 = no older day, 9223372036854775807 = unknown.
CREATE TABLE day_check (
  day          date PRIMARY KEY,
  state        text NOT NULL CHECK (state IN ('VERIFIED', 'UNVERIFIED', 'ONLY_IN_CACHE')),
  server_count bigint NOT NULL,
  cache_count  bigint NOT NULL,
  window_count bigint NOT NULL,
  seam_count   bigint NOT NULL,
  next_older   bigint NOT NULL,
  checked_at   timestamptz NOT NULL,
  note         text NOT NULL
);

-- The deployment the archive holds and how far syncing it got (keys in ArchiveMeta).
CREATE TABLE archive_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);

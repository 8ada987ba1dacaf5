-- What each connector takes part in: whether it is a source, a target or both, which
-- operations it receives as a target, and how its new accounts are matched to users.
ALTER TABLE connectors
  ADD COLUMN direction   text NOT NULL DEFAULT 'source'
    CHECK (direction IN ('source', 'target', 'both')),
  ADD COLUMN operations  text[] NOT NULL DEFAULT '{}',
  ADD COLUMN correlation text NOT NULL DEFAULT 'userName'
    CHECK (correlation IN ('userName', 'email', 'employeeNumber', 'none'));

-- Indexes for matching a new account to an existing user.
CREATE INDEX users_primary_email ON users (lower(emails[1]));
CREATE INDEX users_employee_number ON users (employee_number);

-- The account a linked user has there: active, disabled; with the last push and its error.
UPDATE account_links SET state = 'active' WHERE state = 'linked';
ALTER TABLE account_links
  ADD COLUMN last_error text,
  ADD CONSTRAINT account_links_state CHECK (state IN ('active', 'disabled'));
ALTER TABLE account_links ALTER COLUMN state SET DEFAULT 'active';
CREATE UNIQUE INDEX account_links_one_per_user ON account_links (connector_id, user_id);

-- Each canonical group's group in each connected system.
CREATE TABLE group_links (
  connector_id uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
  external_id  text NOT NULL,
  group_id     uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  linked_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connector_id, external_id)
);
CREATE INDEX group_links_group ON group_links (group_id);

-- Every change to users, groups, memberships and links, in the order it was committed.
-- Append-only; rows outlive the objects they describe (no foreign keys).
CREATE TABLE change_events (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  type         text NOT NULL,
  user_id      uuid,
  group_id     uuid,
  connector_id uuid,
  actor        text,
  data         jsonb NOT NULL
);
CREATE INDEX change_events_user ON change_events (user_id, id) WHERE user_id IS NOT NULL;
CREATE INDEX change_events_group ON change_events (group_id, id) WHERE group_id IS NOT NULL;
CREATE INDEX change_events_type ON change_events (type, id);

-- Refuses changes to a log table; any append-only table's trigger can use it.
CREATE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER change_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON change_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();

-- The provisioning outbox: one row per operation a target system must receive, written in the
-- same transaction as the change. Per connector, a user's rows run in id order.
CREATE TABLE provisioning_tasks (
  id              bigserial PRIMARY KEY,
  event_id        bigint,
  connector_id    uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
  user_id         uuid,
  group_id        uuid,
  subject         text NOT NULL,
  operation       text NOT NULL CHECK (operation IN ('create', 'update', 'disable', 'enable',
                    'delete', 'password', 'add_member', 'remove_member')),
  external_id     text,
  group_external_id text,
  status          text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed', 'skipped')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
CREATE INDEX provisioning_tasks_open ON provisioning_tasks (next_attempt_at, id)
  WHERE status IN ('pending', 'retrying');
CREATE INDEX provisioning_tasks_order ON provisioning_tasks (connector_id, user_id, id)
  WHERE status IN ('pending', 'retrying');
CREATE INDEX provisioning_tasks_user ON provisioning_tasks (user_id, id);
CREATE INDEX provisioning_tasks_connector ON provisioning_tasks (connector_id, id);
CREATE INDEX provisioning_tasks_status ON provisioning_tasks (status, id);

-- Imports: one row per run with its live counters and, once over, its outcome.
CREATE TABLE import_runs (
  id           uuid PRIMARY KEY,
  connector_id uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
  trigger      text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  started_by   text,
  status       text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled',
                 'interrupted')),
  phase        text NOT NULL DEFAULT 'users',
  read_count   integer NOT NULL DEFAULT 0,
  created      integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  failed       integer NOT NULL DEFAULT 0,
  error        text,
  failures     jsonb NOT NULL DEFAULT '[]',
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
-- A connector never runs two imports at once.
CREATE UNIQUE INDEX import_runs_one_running ON import_runs (connector_id)
  WHERE status = 'running';
CREATE INDEX import_runs_connector ON import_runs (connector_id, started_at DESC);

-- Import schedules: a cron expression per connector, with the next and last run.
CREATE TABLE import_schedules (
  connector_id uuid PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
  preset       text NOT NULL CHECK (preset IN ('hourly', 'daily', 'weekly', 'cron')),
  cron         text NOT NULL,
  next_run_at  timestamptz NOT NULL,
  last_run_at  timestamptz,
  last_run_id  uuid
);

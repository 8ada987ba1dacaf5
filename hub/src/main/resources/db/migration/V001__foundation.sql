-- Admin accounts of the console and API.
CREATE TABLE admins (
  id            uuid PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'operator', 'auditor')),
  enabled       boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);

-- One row per login; logout or expiry ends it, and every access token names its session.
CREATE TABLE admin_sessions (
  id             uuid PRIMARY KEY,
  admin_id       uuid NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
  refresh_digest text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  remote_address text,
  user_agent     text
);
CREATE INDEX admin_sessions_admin ON admin_sessions (admin_id);

-- The one-time token that lets the first admin choose a password (digest only).
CREATE TABLE setup_tokens (
  digest     text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);

-- Configured connector instances; secrets are AES-GCM sealed, never stored in settings.
CREATE TABLE connectors (
  id         uuid PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  type       text NOT NULL,
  enabled    boolean NOT NULL DEFAULT true,
  settings   jsonb NOT NULL,
  secrets    bytea,
  secret_names text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Where each connector's watch resumes after a restart.
CREATE TABLE connector_checkpoints (
  connector_id uuid PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
  value        text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Who did what, when, from where. Append-only: updates and deletes are refused.
CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor          text,
  action         text NOT NULL,
  target         text,
  outcome        text NOT NULL CHECK (outcome IN ('success', 'failure')),
  remote_address text,
  detail         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

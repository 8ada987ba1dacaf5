-- Trigram indexes make "contains" searches fast at hundreds of thousands of users.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The canonical users, after SCIM 2.0 core and enterprise user (RFC 7643).
CREATE TABLE users (
  id              uuid PRIMARY KEY,
  user_name       text NOT NULL,
  display_name    text,
  given_name      text,
  family_name     text,
  emails          text[] NOT NULL DEFAULT '{}',
  active          boolean NOT NULL DEFAULT true,
  employee_number text,
  department      text,
  manager_id      uuid REFERENCES users (id) ON DELETE SET NULL,
  attributes      jsonb NOT NULL DEFAULT '{}',
  -- Lower-cased names and emails, kept by the hub on every write, for searching.
  search_text     text NOT NULL,
  version         bigint NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_user_name_key ON users (lower(user_name));
CREATE INDEX users_search ON users USING gin (search_text gin_trgm_ops);
CREATE INDEX users_manager ON users (manager_id);

CREATE TABLE groups (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX groups_name_key ON groups (lower(name));
CREATE INDEX groups_search ON groups USING gin (lower(name) gin_trgm_ops);

CREATE TABLE group_members (
  group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

-- Each canonical user's account in each connected system, by that system's stable id.
CREATE TABLE account_links (
  connector_id uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
  external_id  text NOT NULL,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  state        text NOT NULL DEFAULT 'linked',
  linked_at    timestamptz NOT NULL DEFAULT now(),
  last_sync_at timestamptz,
  PRIMARY KEY (connector_id, external_id)
);
CREATE INDEX account_links_user ON account_links (user_id);

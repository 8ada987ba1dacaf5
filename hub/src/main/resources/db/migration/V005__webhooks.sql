-- Webhook subscriptions: an endpoint, the event types it wants (empty: all) and its signing
-- secret, sealed with the master key. During a rotation the previous secret signs too.
CREATE TABLE webhook_subscriptions (
  id                      uuid PRIMARY KEY,
  url                     text NOT NULL,
  description             text,
  event_types             text[] NOT NULL DEFAULT '{}',
  enabled                 boolean NOT NULL DEFAULT true,
  disabled_reason         text,
  max_in_flight           integer NOT NULL DEFAULT 10 CHECK (max_in_flight BETWEEN 1 AND 100),
  secret                  bytea NOT NULL,
  previous_secret         bytea,
  previous_secret_until   timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

-- The webhook outbox: one row per event and matching subscription, written by the trigger
-- below in the same transaction as the event. Per subscription, rows with the same order key
-- (the user, else the group) are delivered in id order. A test event has no event row and
-- carries its payload.
CREATE TABLE webhook_deliveries (
  id               bigserial PRIMARY KEY,
  subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id         bigint,
  event_type       text NOT NULL,
  order_key        uuid,
  payload          jsonb,
  status           text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'succeeded', 'exhausted')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_status_code integer,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  CHECK (event_id IS NOT NULL OR payload IS NOT NULL)
);
-- The outbox proper: what each subscription must still send, in order, and the one that goes
-- first per user.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (subscription_id, id)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (subscription_id, order_key, id)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, id);
CREATE INDEX webhook_deliveries_exhausted ON webhook_deliveries (subscription_id, created_at)
  WHERE status = 'exhausted';
-- What the clean-up of the delivery log removes: delivered, older than the retention.
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries (delivered_at)
  WHERE status = 'succeeded';

-- Every attempt of a delivery: what the endpoint answered and how long it took.
CREATE TABLE webhook_attempts (
  id              bigserial PRIMARY KEY,
  delivery_id     bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  subscription_id uuid NOT NULL,
  at              timestamptz NOT NULL,
  status_code     integer,
  duration_ms     integer NOT NULL,
  error           text,
  response        text
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
CREATE INDEX webhook_attempts_recent ON webhook_attempts (subscription_id, at);

-- Whoever appends events (ingest, admin changes, provisioning results), the outbox rows are
-- written with them, and the hub is told at commit which ids to read (LISTEN slx_events).
CREATE FUNCTION queue_webhook_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_id bigint;
  last_id  bigint;
BEGIN
  INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, order_key)
  SELECT s.id, e.id, e.type, coalesce(e.user_id, e.group_id)
    FROM new_events e
    JOIN webhook_subscriptions s
      ON s.enabled AND (s.event_types = '{}' OR e.type = ANY (s.event_types))
   ORDER BY e.id, s.id;
  SELECT min(id), max(id) INTO first_id, last_id FROM new_events;
  IF first_id IS NOT NULL THEN
    PERFORM pg_notify('slx_events', first_id || ',' || last_id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER change_events_queue_webhooks AFTER INSERT ON change_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION queue_webhook_deliveries();

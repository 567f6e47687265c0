/**
 * Versioned SQL migrations, applied in order at start-up and recorded in `schema_migrations`.
 *
 * Invariants: a migration, once released, is never edited — add a new one. `migrate` is idempotent and safe
 * when several server processes start at once on one PostgreSQL: it takes a transaction-scoped advisory lock,
 * so one process applies and the others see the result.
 *
 * Tenancy: every domain table has `org_id` and a primary key that starts with it; every repository query
 * filters by it. Secrets (Cronofy tokens, signing keys) are stored only encrypted (`*_enc` columns).
 */
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL,
  tier text NOT NULL DEFAULT 'basic' CHECK (tier IN ('basic', 'plus')),
  integration_enabled boolean NOT NULL DEFAULT true,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  jwt_secret_enc text,
  jwks_url text,
  webhook_url text,
  webhook_secret_enc text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  time_zone text NOT NULL,
  roles text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  integration_active boolean NOT NULL DEFAULT true,
  participate_own boolean NOT NULL DEFAULT true,
  weekly_hours jsonb,
  date_overrides jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE calendar_connections (
  org_id text NOT NULL,
  user_id text NOT NULL,
  status text NOT NULL DEFAULT 'not_connected'
    CHECK (status IN ('not_connected', 'connected_individual', 'connected_central', 'failed', 'syncing')),
  provider text,
  profile_name text,
  profile_email text,
  cronofy_sub text,
  calendar_id text,
  tokens_enc text,
  failed_reason text,
  failed_since timestamptz,
  channel_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id) ON DELETE CASCADE
);

CREATE TABLE oauth_states (
  org_id text NOT NULL,
  state_hash text PRIMARY KEY,
  user_id text NOT NULL,
  purpose text NOT NULL,
  expires_at timestamptz NOT NULL,
  FOREIGN KEY (org_id) REFERENCES organizations(id) ON DELETE CASCADE
);

-- Cached busy time per calendar: resource_key is 'user:<id>' or 'room:<id>'.
CREATE TABLE freebusy_cache (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  resource_key text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  busy jsonb NOT NULL,
  fetched_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, resource_key)
);

CREATE TABLE locations (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  address text,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE rooms (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  capacity integer,
  source text NOT NULL CHECK (source IN ('loaded', 'created')),
  cronofy_sub text,
  tokens_enc text,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, email)
);

CREATE TABLE location_rooms (
  org_id text NOT NULL,
  location_id text NOT NULL,
  room_id text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (org_id, location_id, room_id),
  FOREIGN KEY (org_id, location_id) REFERENCES locations(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, room_id) REFERENCES rooms(org_id, id) ON DELETE CASCADE
);

CREATE TABLE booking_requests (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  title text NOT NULL,
  applicant_name text NOT NULL,
  applicant_email text NOT NULL,
  organizer_id text NOT NULL,
  participant_ids text[] NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
  interval_minutes integer NOT NULL CHECK (interval_minutes > 0),
  buffer_before_minutes integer NOT NULL DEFAULT 0,
  buffer_after_minutes integer NOT NULL DEFAULT 0,
  time_zone text NOT NULL,
  location_id text,
  online boolean NOT NULL DEFAULT false,
  room_needed boolean NOT NULL DEFAULT false,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'booked', 'declined', 'expired', 'cancelled', 'failed')),
  failure_reason text,
  allow_reschedule boolean NOT NULL DEFAULT true,
  locale text NOT NULL DEFAULT 'de',
  appointment_id text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (period_end > period_start)
);

CREATE TABLE appointments (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id text NOT NULL,
  booking_request_id text,
  organizer_id text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  time_zone text NOT NULL,
  location_id text,
  location_text text,
  online boolean NOT NULL DEFAULT false,
  room_id text,
  private boolean NOT NULL DEFAULT false,
  participant_ids text[] NOT NULL,
  applicant_name text,
  applicant_email text,
  status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  sequence integer NOT NULL DEFAULT 0,
  event_id text NOT NULL,
  calendar_state text NOT NULL DEFAULT 'pending' CHECK (calendar_state IN ('pending', 'written', 'failed', 'deleted')),
  calendar_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (end_at > start_at)
);

-- The double-booking guard. One row per person or room an appointment (or a hold) occupies. The exclusion
-- constraint makes overlapping claims on one resource impossible, whatever the application code does.
CREATE TABLE busy_claims (
  org_id text NOT NULL,
  resource_kind text NOT NULL CHECK (resource_kind IN ('user', 'room')),
  resource_id text NOT NULL,
  during tstzrange NOT NULL,
  appointment_id text,
  hold_id text,
  expires_at timestamptz,
  CHECK ((appointment_id IS NULL) <> (hold_id IS NULL)),
  EXCLUDE USING gist (org_id WITH =, resource_kind WITH =, resource_id WITH =, during WITH &&)
);
CREATE INDEX busy_claims_appointment ON busy_claims (org_id, appointment_id);
CREATE INDEX busy_claims_hold ON busy_claims (org_id, hold_id);

CREATE TABLE holds (
  org_id text NOT NULL,
  id text NOT NULL,
  booking_request_id text NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  room_id text,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE idempotency_keys (
  org_id text NOT NULL,
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, scope, key)
);

CREATE TABLE outbox (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id text NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  last_error text,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;

CREATE TABLE webhook_deliveries (
  org_id text NOT NULL,
  event_id text NOT NULL,
  attempt integer NOT NULL,
  status integer,
  error text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, event_id, attempt)
);
`,
  },
  {
    version: 2,
    name: 'admin API: stream tickets, appointment-location flag, privacy indexes',
    sql: `
-- Single-use tickets for live-update streams (EventSource cannot send a bearer token). Only the hash is stored.
CREATE TABLE stream_tickets (
  org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  ticket_hash text PRIMARY KEY,
  user_id text NOT NULL,
  roles text[] NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX stream_tickets_expiry ON stream_tickets (expires_at);

-- The spec's "Appointment location" flag of a location (offered in appointment forms).
ALTER TABLE locations ADD COLUMN appointment_location boolean NOT NULL DEFAULT true;

-- Retention purge and applicant erasure find requests by period end and by applicant, appointments by request.
CREATE INDEX booking_requests_period_end ON booking_requests (org_id, period_end);
CREATE INDEX booking_requests_applicant ON booking_requests (org_id, lower(applicant_email));
CREATE INDEX appointments_booking_request ON appointments (org_id, booking_request_id);
`,
  },
  {
    version: 3,
    name: 'recruiter appointments: applicants, comment, written attendees, attendee replies',
    sql: `
-- Several applicants at one shared time share one appointment (and one set of claims); the list lives here, and
-- applicant_name/applicant_email stay null for such a group so no applicant sees another's address.
ALTER TABLE appointments ADD COLUMN applicants jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE appointments ADD COLUMN comment text;
ALTER TABLE appointments ADD COLUMN created_by text;
-- E-mails on the calendar event after the last successful write (null = never written): Cronofy's attendee lists
-- are deltas, so whoever left the appointment (an old room) must be removed explicitly on the next write.
ALTER TABLE appointments ADD COLUMN written_attendees text[];
-- Events written before this column existed: known to be in the calendar, attendees not recorded.
UPDATE appointments SET written_attendees = '{}' WHERE calendar_state IN ('written', 'deleted');
-- False after a change that does not concern the applicant (room only): the next write does not re-invite them.
ALTER TABLE appointments ADD COLUMN notify_applicant boolean NOT NULL DEFAULT true;
CREATE INDEX appointments_organizer_end ON appointments (org_id, organizer_id, end_at);

-- Last known reply of each attendee of an appointment's calendar event; a missing row means needs_action.
CREATE TABLE appointment_attendees (
  org_id text NOT NULL,
  appointment_id text NOT NULL,
  email text NOT NULL,
  status text NOT NULL CHECK (status IN ('needs_action', 'accepted', 'declined', 'tentative')),
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, appointment_id, email),
  FOREIGN KEY (org_id, appointment_id) REFERENCES appointments(org_id, id) ON DELETE CASCADE
);
`,
  },
  {
    version: 4,
    name: 'service account (Enterprise Connect) per organization',
    sql: `
-- The organization's Enterprise Connect service account (Plus): its sealed tokens and the e-mail the admin page
-- shows as "Service Account: <e-mail>". Forgetting it (delete the row) ends central management; user connections
-- authorized through it keep their own tokens in calendar_connections and stay connected.
CREATE TABLE service_accounts (
  org_id text PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'failed')),
  email text,
  provider text,
  domain text,
  cronofy_sub text,
  tokens_enc text NOT NULL,
  failed_reason text,
  connected_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 5,
    name: 'announce changes to slot inputs',
    sql: `
-- Every table a slot offer is computed from announces a committed change on dv_slot_inputs with the organization's
-- id, so each server process can drop the offers it cached for that organization (services/offer-cache.ts).
-- PostgreSQL sends a NOTIFY only on commit and folds identical ones within a transaction: one per organization.
-- (Function bodies stay on one line: the migration runner splits statements at a semicolon ending a line.)
CREATE FUNCTION dv_announce_slot_input_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('dv_slot_inputs', COALESCE(NEW.org_id, OLD.org_id)); RETURN NULL; END $$;
CREATE FUNCTION dv_announce_organization_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('dv_slot_inputs', COALESCE(NEW.id, OLD.id)); RETURN NULL; END $$;
CREATE TRIGGER organizations_announce AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION dv_announce_organization_change();
CREATE TRIGGER users_announce AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
CREATE TRIGGER calendar_connections_announce AFTER INSERT OR UPDATE OR DELETE ON calendar_connections FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
CREATE TRIGGER freebusy_cache_announce AFTER INSERT OR UPDATE OR DELETE ON freebusy_cache FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
CREATE TRIGGER locations_announce AFTER INSERT OR UPDATE OR DELETE ON locations FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
CREATE TRIGGER rooms_announce AFTER INSERT OR UPDATE OR DELETE ON rooms FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
CREATE TRIGGER location_rooms_announce AFTER INSERT OR UPDATE OR DELETE ON location_rooms FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
CREATE TRIGGER booking_requests_announce AFTER INSERT OR UPDATE OR DELETE ON booking_requests FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
CREATE TRIGGER busy_claims_announce AFTER INSERT OR UPDATE OR DELETE ON busy_claims FOR EACH ROW EXECUTE FUNCTION dv_announce_slot_input_change();
`,
  },
  {
    version: 6,
    name: 'index the claims of holds',
    sql: `
-- Every booking and hold first releases the organization's expired holds and the link's own (their claims with
-- them). Those claims were found through the exclusion constraint's index by organization, which reads every
-- appointment claim of the organization: a cost that grew with each booking. Only hold claims are in this index,
-- and they live for minutes.
CREATE INDEX busy_claims_holds ON busy_claims (org_id, expires_at) WHERE hold_id IS NOT NULL;
`,
  },
  {
    version: 7,
    name: 'conditions inside statements',
    sql: `
-- A transaction sent whole (Db.atomic) cannot look at one statement's answer before the next, so a statement whose
-- condition does not hold fails instead: SQLSTATE P0004 (assert_failure), \`what\` as the message.
CREATE FUNCTION dv_check(ok boolean, what text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN IF ok IS NOT TRUE THEN RAISE EXCEPTION '%', what USING ERRCODE = 'P0004'; END IF; END $$;
`,
  },
];

export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  return db.tx(async (q) => {
    // One migrator at a time across processes; the lock ends with the transaction.
    await q.query('SELECT pg_advisory_xact_lock(727274)');
    const done = new Set(
      (await q.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of splitStatements(migration.sql)) await q.query(statement);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/** Splits a migration into statements; our migrations contain no semicolons inside literals or bodies. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

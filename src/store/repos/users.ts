/**
 * Users as the host application provisions them, with their calendar preferences: integration switch,
 * "participate in own appointments", time zone, weekly availability (null = the default Mon–Fri 09:00–17:00)
 * and date overrides. Every query is scoped by organization.
 */
import type { Role } from '../../shared/api/settings.js';
import type { Queryable } from '../db.js';

export interface WeeklyRange {
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  start: string;
  end: string;
}
export interface DateOverride {
  date: string;
  intervals: Array<{ start: string; end: string }>;
}

export interface User {
  orgId: string;
  id: string;
  name: string;
  email: string;
  timeZone: string;
  roles: Role[];
  active: boolean;
  integrationActive: boolean;
  participateOwn: boolean;
  weeklyHours: WeeklyRange[] | null;
  dateOverrides: DateOverride[];
}

export const DEFAULT_WEEKLY_HOURS: readonly WeeklyRange[] = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map(
  (day) => ({ day, start: '09:00', end: '17:00' }),
);

interface UserRow {
  org_id: string;
  id: string;
  name: string;
  email: string;
  time_zone: string;
  roles: Role[];
  active: boolean;
  integration_active: boolean;
  participate_own: boolean;
  weekly_hours: WeeklyRange[] | null;
  date_overrides: DateOverride[];
}

function toUser(row: UserRow): User {
  return {
    orgId: row.org_id,
    id: row.id,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    roles: row.roles,
    active: row.active,
    integrationActive: row.integration_active,
    participateOwn: row.participate_own,
    weeklyHours: row.weekly_hours,
    dateOverrides: row.date_overrides ?? [],
  };
}

export async function getUser(q: Queryable, orgId: string, userId: string): Promise<User | null> {
  const rows = await q.query<UserRow>('SELECT * FROM users WHERE org_id = $1 AND id = $2', [orgId, userId]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function getUsers(q: Queryable, orgId: string, ids: readonly string[]): Promise<User[]> {
  const rows = await q.query<UserRow>('SELECT * FROM users WHERE org_id = $1 AND id = ANY($2::text[])', [orgId, ids]);
  const byId = new Map(rows.map((r) => [r.id, toUser(r)]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export async function listUsers(q: Queryable, orgId: string): Promise<User[]> {
  const rows = await q.query<UserRow>('SELECT * FROM users WHERE org_id = $1 ORDER BY name, id', [orgId]);
  return rows.map(toUser);
}

export async function upsertUser(
  q: Queryable,
  user: Pick<User, 'orgId' | 'id' | 'name' | 'email' | 'timeZone' | 'roles'> &
    Partial<Pick<User, 'active' | 'integrationActive' | 'participateOwn' | 'weeklyHours' | 'dateOverrides'>>,
): Promise<User> {
  const rows = await q.query<UserRow>(
    `INSERT INTO users (org_id, id, name, email, time_zone, roles, active, integration_active, participate_own, weekly_hours, date_overrides)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, true), COALESCE($8, true), COALESCE($9, true), $10, COALESCE($11, '[]'::jsonb))
     ON CONFLICT (org_id, id) DO UPDATE SET name = $3, email = $4, time_zone = $5, roles = $6,
       active = COALESCE($7, users.active), integration_active = COALESCE($8, users.integration_active),
       participate_own = COALESCE($9, users.participate_own),
       weekly_hours = CASE WHEN $12 THEN $10 ELSE users.weekly_hours END,
       date_overrides = COALESCE($11, users.date_overrides), updated_at = now()
     RETURNING *`,
    [
      user.orgId,
      user.id,
      user.name,
      user.email,
      user.timeZone,
      user.roles,
      user.active ?? null,
      user.integrationActive ?? null,
      user.participateOwn ?? null,
      user.weeklyHours === undefined || user.weeklyHours === null ? null : JSON.stringify(user.weeklyHours),
      user.dateOverrides === undefined ? null : JSON.stringify(user.dateOverrides),
      user.weeklyHours !== undefined,
    ],
  );
  return toUser(rows[0]!);
}

/**
 * Users as the host provisions them and as they set their own calendar preferences; the admin listing of
 * connection states. Every read and write is scoped by the caller's organization.
 *
 * Invariants: switching "calendar integration active" off, or deactivating a user, disconnects their calendar
 * at once — revoked at the broker, tokens deleted, open booking requests with them failed — through the one
 * `disconnect` of the connections service. Host-owned fields (name, e-mail, roles, active) change only with
 * the admin role; a refused update changes nothing.
 */
import type { ConnectionList, UpdateAvailability, UpdateUser, UpsertUser, UserView, AvailabilityView } from '../../shared/api/users.js';
import { HOST_OWNED_USER_FIELDS } from '../../shared/api/users.js';
import { WEEKDAYS } from '../../shared/slot-query.js';
import type { ConnectionStatus } from '../../store/repos/connections.js';
import { getConnection } from '../../store/repos/connections.js';
import { countByConnectionStatus, getDirectoryEntry, listDirectory, type DirectoryEntry } from '../../store/repos/user-directory.js';
import { DEFAULT_WEEKLY_HOURS, getUser, upsertUser, type DateOverride, type User, type WeeklyRange } from '../../store/repos/users.js';
import type { AppDeps } from '../app.js';
import type { Principal } from '../auth.js';
import { forbidden, notFound } from '../errors.js';
import { disconnect, type ConnectionDeps } from './connections.js';

export function connectionDeps(deps: AppDeps): ConnectionDeps {
  return { db: deps.db, cronofy: deps.cronofy, ...(deps.cronofyFor ? { cronofyFor: deps.cronofyFor } : {}), box: deps.box, logger: deps.logger, now: deps.now, publicUrl: deps.config.publicUrl };
}

export function toUserView(e: DirectoryEntry): UserView {
  return {
    id: e.id,
    name: e.name,
    email: e.email,
    timeZone: e.timeZone,
    roles: e.roles,
    active: e.active,
    integrationActive: e.integrationActive,
    participateOwn: e.participateOwn,
    connectionStatus: e.connectionStatus,
  };
}

export async function listUsers(deps: AppDeps, orgId: string, query: { includeInactive?: 'true' | 'false'; q?: string }) {
  const { items, total } = await listDirectory(deps.db, orgId, { includeInactive: query.includeInactive === 'true', ...(query.q ? { search: query.q } : {}) });
  return { items: items.map(toUserView), total };
}

export async function getUserView(deps: AppDeps, orgId: string, userId: string): Promise<UserView> {
  const entry = await getDirectoryEntry(deps.db, orgId, userId);
  if (!entry) throw notFound('user');
  return toUserView(entry);
}

/** Disconnects when the user has anything at the broker; a user who never connected is left alone. */
async function disconnectIfConnected(deps: AppDeps, orgId: string, userId: string): Promise<boolean> {
  const connection = await getConnection(deps.db, orgId, userId);
  if (!connection || connection.status === 'not_connected') return false;
  await disconnect(connectionDeps(deps), orgId, userId);
  deps.logger.info('calendar disconnected', { orgId, userId, why: 'integration switched off or user deactivated' });
  return true;
}

/** The host's provisioning call. Returns whether the user was created. */
export async function provisionUser(deps: AppDeps, orgId: string, userId: string, input: UpsertUser): Promise<{ created: boolean; user: UserView }> {
  const before = await getUser(deps.db, orgId, userId);
  await upsertUser(deps.db, { orgId, id: userId, ...input, ...(input.active === undefined ? {} : { active: input.active }) });
  if (before?.active && input.active === false) await disconnectIfConnected(deps, orgId, userId);
  return { created: before === null, user: await getUserView(deps, orgId, userId) };
}

export async function updateUser(deps: AppDeps, principal: Principal, userId: string, patch: UpdateUser): Promise<UserView> {
  if (!principal.roles.includes('admin')) {
    const hostOwned = HOST_OWNED_USER_FIELDS.filter((field) => patch[field] !== undefined);
    if (hostOwned.length > 0) throw forbidden(`Changing ${hostOwned.join(', ')} needs the admin role.`);
  }
  const user = await getUser(deps.db, principal.orgId, userId);
  if (!user) throw notFound('user');
  const next: User = { ...user, ...definedOnly(patch) };
  await upsertUser(deps.db, {
    orgId: principal.orgId,
    id: userId,
    name: next.name,
    email: next.email,
    timeZone: next.timeZone,
    roles: next.roles,
    active: next.active,
    integrationActive: next.integrationActive,
    participateOwn: next.participateOwn,
  });
  const switchedOff = (user.integrationActive && !next.integrationActive) || (user.active && !next.active);
  if (switchedOff) await disconnectIfConnected(deps, principal.orgId, userId);
  return getUserView(deps, principal.orgId, userId);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function availabilityView(user: User): AvailabilityView {
  return {
    userId: user.id,
    timeZone: user.timeZone,
    weeklyHours: (user.weeklyHours ?? DEFAULT_WEEKLY_HOURS).map((w) => ({ ...w })),
    isDefault: user.weeklyHours === null,
    dateOverrides: user.dateOverrides.map((o) => ({ date: o.date, intervals: o.intervals.map((i) => ({ ...i })) })),
  };
}

export async function getAvailability(deps: AppDeps, orgId: string, userId: string): Promise<AvailabilityView> {
  const user = await getUser(deps.db, orgId, userId);
  if (!user) throw notFound('user');
  return availabilityView(user);
}

/** Saves in a stable order (weekday, then start; date, then start), so equal availability reads back equal. */
export async function updateAvailability(deps: AppDeps, orgId: string, userId: string, input: UpdateAvailability): Promise<AvailabilityView> {
  const user = await getUser(deps.db, orgId, userId);
  if (!user) throw notFound('user');
  const weeklyHours: WeeklyRange[] | null | undefined =
    input.weeklyHours === undefined
      ? undefined
      : input.weeklyHours === null
        ? null
        : [...input.weeklyHours].sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.start.localeCompare(b.start));
  const dateOverrides: DateOverride[] | undefined = input.dateOverrides
    ?.map((o) => ({ date: o.date, intervals: [...o.intervals].sort((a, b) => a.start.localeCompare(b.start)) }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const saved = await upsertUser(deps.db, {
    orgId,
    id: userId,
    name: user.name,
    email: user.email,
    timeZone: user.timeZone,
    roles: user.roles,
    ...(weeklyHours === undefined ? {} : { weeklyHours }),
    ...(dateOverrides === undefined ? {} : { dateOverrides }),
  });
  return availabilityView(saved);
}

export async function listConnectionStates(
  deps: AppDeps,
  orgId: string,
  query: { status?: ConnectionStatus; q?: string; limit: number; offset: number },
): Promise<ConnectionList> {
  const [{ items, total }, counts] = await Promise.all([
    listDirectory(deps.db, orgId, { ...(query.status ? { status: query.status } : {}), ...(query.q ? { search: query.q } : {}), limit: query.limit, offset: query.offset }),
    countByConnectionStatus(deps.db, orgId),
  ]);
  return {
    items: items.map((e) => ({
      userId: e.id,
      name: e.name,
      email: e.email,
      integrationActive: e.integrationActive,
      status: e.connectionStatus,
      provider: e.provider,
      profileName: e.profileName,
      profileEmail: e.profileEmail,
      failedReason: e.failedReason,
      failedSince: e.failedSince,
    })),
    total,
    counts: { all: Object.values(counts).reduce((a, b) => a + b, 0), ...counts },
  };
}

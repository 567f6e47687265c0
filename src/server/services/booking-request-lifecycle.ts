/**
 * The recruiter's side of a self-booking link after creation (Plus): resend and cancel.
 *
 * - Resend re-activates a link that failed, expired or was declined, with a new period (validated like creation:
 *   inside "tomorrow to 32 days ahead", every participant connected). A new token is issued and returned once; the
 *   old link stops working because only the new hash is stored. With no common slot in the new period it fails
 *   again at once with `no_common_slot`, exactly like creation.
 * - Cancel disables the link (`cancelled`, `booking.cancelled`); a booked appointment is cancelled with it and its
 *   event deleted. Cancelling a cancelled link answers it unchanged.
 *
 * Both lock the request row first and then the appointment, the same order as the applicant's booking, so the two
 * sides serialise instead of deadlocking.
 */
import type { BookingRequestView } from '../../shared/api/booking-requests.js';
import type { ResendBookingRequest } from '../../shared/api/appointments.js';
import { formatInstant } from '../../shared/time.js';
import { randomToken, sha256 } from '../../store/crypto.js';
import { lockAppointment, reopenBookingRequest } from '../../store/repos/appointments.js';
import { deleteHoldsOfRequest, getAppointment, getBookingRequest, setBookingStatus, type Appointment, type BookingRequest } from '../../store/repos/bookings.js';
import { getUsers } from '../../store/repos/users.js';
import type { Principal } from '../auth.js';
import { ApiError, notFound, plusRequired } from '../errors.js';
import { cancelInTx } from './appointments.js';
import { requirePlanningOrg } from './availability-check.js';
import { effectiveStatus } from './booking.js';
import { availabilityOf, ensureConnected, ensurePeriodInWindow, viewOf, type RequestDeps } from './booking-requests.js';
import { writeAppointmentEvent } from './calendar-sync.js';
import { emit } from './events.js';

const RESENDABLE: ReadonlyArray<BookingRequest['status']> = ['failed', 'expired', 'declined'];

export async function resendBookingRequest(deps: RequestDeps, principal: Principal, id: string, input: ResendBookingRequest): Promise<BookingRequestView> {
  const org = await requirePlanningOrg(deps.db, principal.orgId);
  if (org.tier !== 'plus') throw plusRequired();
  const request = await getBookingRequest(deps.db, org.id, id);
  if (!request) throw notFound('booking request');
  const now = deps.now();
  const status = effectiveStatus(request, now);
  if (!RESENDABLE.includes(status)) {
    throw new ApiError(409, 'conflict', `Only a failed, expired or declined link can be resent; this one is ${status}.`, { status });
  }
  if (request.appointmentId) {
    const appointment = await getAppointment(deps.db, org.id, request.appointmentId);
    if (appointment?.status === 'confirmed') throw new ApiError(409, 'conflict', 'This link has a booked appointment; cancel it first.', { appointmentId: appointment.id });
  }
  ensurePeriodInWindow(input.period, request.timeZone, now, org.settings.booking);
  const ids = [...new Set([...request.participantIds, request.organizerId])];
  const users = await getUsers(deps.db, org.id, ids);
  const inactive = ids.filter((uid) => !users.some((u) => u.id === uid && u.active));
  if (inactive.length > 0) throw new ApiError(422, 'validation_failed', 'Some participants are unknown or inactive.', { userIds: inactive });
  await ensureConnected(deps, org.id, ids, users);

  const periodStart = formatInstant(Date.parse(input.period.start));
  const periodEnd = formatInstant(Date.parse(input.period.end));
  const draft: BookingRequest = { ...request, periodStart, periodEnd, status: 'open', failureReason: null, appointmentId: null };
  const availability = await availabilityOf(deps, draft, users, org.settings.booking);
  const noSlot = availability.slotCount === 0;
  const token = randomToken(24);

  await deps.db.tx(async (q) => {
    const fresh = await getBookingRequest(q, org.id, id, true);
    if (!fresh || !RESENDABLE.includes(effectiveStatus(fresh, now))) {
      throw new ApiError(409, 'conflict', 'The link changed meanwhile. Reload it and try again.');
    }
    await deleteHoldsOfRequest(q, org.id, id);
    await reopenBookingRequest(q, org.id, id, {
      tokenHash: sha256(token),
      periodStart,
      periodEnd,
      status: noSlot ? 'failed' : 'open',
      failureReason: noSlot ? 'no_common_slot' : null,
    });
    if (noSlot) await emit(q, org.id, 'booking.failed', { bookingRequestId: id, reason: 'no_common_slot', status: 'failed', availability }, now);
  });
  const saved = (await getBookingRequest(deps.db, org.id, id))!;
  return { ...(await viewOf(deps, saved)), availability, link: `${deps.bookingLinkBase}?booking=${token}` };
}

export async function cancelBookingRequest(deps: RequestDeps, principal: Principal, id: string): Promise<BookingRequestView> {
  const org = await requirePlanningOrg(deps.db, principal.orgId);
  const request = await getBookingRequest(deps.db, org.id, id);
  if (!request) throw notFound('booking request');
  const now = deps.now();
  if (request.status === 'cancelled') return viewOf(deps, request);

  const cancelled: Appointment | null = await deps.db.tx(async (q) => {
    const fresh = (await getBookingRequest(q, org.id, id, true))!;
    const status = effectiveStatus(fresh, now);
    if (status === 'cancelled') return null;
    if (status !== 'open' && status !== 'booked') {
      throw new ApiError(409, 'conflict', `This link is already closed (${status}).`, { status });
    }
    const appointment = status === 'booked' && fresh.appointmentId ? await getAppointment(q, org.id, fresh.appointmentId) : null;
    if (appointment && appointment.status === 'confirmed') {
      await lockAppointment(q, org.id, appointment.id);
      await cancelInTx(q, appointment, now);
      return (await getAppointment(q, org.id, appointment.id))!;
    }
    await setBookingStatus(q, org.id, id, 'cancelled');
    await deleteHoldsOfRequest(q, org.id, id);
    await emit(q, org.id, 'booking.cancelled', { bookingRequestId: id, status: 'cancelled' }, now);
    return null;
  });
  if (cancelled) {
    await writeAppointmentEvent(deps, cancelled).catch((error: unknown) => {
      deps.logger.warn('calendar delete deferred', { appointmentId: cancelled.id, error: String(error) });
    });
  }
  return viewOf(deps, (await getBookingRequest(deps.db, org.id, id))!);
}

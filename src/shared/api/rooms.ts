/**
 * Wire contract of rooms, locations and room availability (rooms are a Plus feature; managing them needs the
 * admin role). A room is a bookable participant with its own calendar (identified by its e-mail / calendar id);
 * a location holds an ordered list of rooms — booking takes the first free one in that order.
 *
 * Room availability answers, per room and for a time range, `free` (its calendar was read and nothing overlaps),
 * `busy` (its calendar or the product's own appointments overlap) or `unknown` (the calendar could not be read and
 * the product knows of nothing there).
 */
import { z } from 'zod';
import { IsoInstant } from './public-booking.js';
import { SlotInstantSchema } from '../slot-query.js';

const Id = z.string().min(1).max(128).regex(/^[\w.:@-]+$/, { error: 'ids use letters, digits and . : @ _ -' });

export const RoomSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  capacity: z.number().int().nullable(),
  /** `loaded` from the calendar system through the service account, or `created` here. */
  source: z.enum(['loaded', 'created']),
});
export type RoomView = z.infer<typeof RoomSchema>;
export const RoomListSchema = z.object({ items: z.array(RoomSchema) });

export const CreateRoomSchema = z.strictObject({
  id: Id.optional(),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  capacity: z.number().int().min(1).max(10_000).nullable().default(null),
});
export const UpdateRoomSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    capacity: z.number().int().min(1).max(10_000).nullable(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { error: 'send at least one field to change' });

export const LocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  /** The spec's "Appointment location" flag: offered in appointment forms. */
  appointmentLocation: z.boolean(),
  /** In booking order. */
  roomIds: z.array(z.string()),
});
export type LocationView = z.infer<typeof LocationSchema>;
export const LocationListSchema = z.object({ items: z.array(LocationSchema) });

const RoomIds = z
  .array(z.string().min(1).max(128))
  .max(100, { error: 'at most 100 rooms per location' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'a room is listed twice' });

export const CreateLocationSchema = z.strictObject({
  id: Id.optional(),
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).nullable().default(null),
  appointmentLocation: z.boolean().default(true),
  roomIds: RoomIds.default([]),
});
export const UpdateLocationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().max(500).nullable(),
    appointmentLocation: z.boolean(),
    roomIds: RoomIds,
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { error: 'send at least one field to change' });

export const MAX_AVAILABILITY_RANGE_DAYS = 62;

export const RoomAvailabilityQuerySchema = z
  .strictObject({
    start: SlotInstantSchema,
    end: SlotInstantSchema,
    /** Only the rooms of this location, in its order; otherwise every room. */
    locationId: z.string().min(1).max(128).optional(),
  })
  .refine((q) => Date.parse(q.end) > Date.parse(q.start), { error: 'end must be after start', path: ['end'] })
  .refine((q) => Date.parse(q.end) - Date.parse(q.start) <= MAX_AVAILABILITY_RANGE_DAYS * 86_400_000, {
    error: `the range may span at most ${MAX_AVAILABILITY_RANGE_DAYS} days`,
    path: ['end'],
  });

export const RoomStateSchema = z.enum(['free', 'busy', 'unknown']);
export const RoomAvailabilitySchema = z.object({
  start: IsoInstant,
  end: IsoInstant,
  rooms: z.array(
    z.object({
      roomId: z.string(),
      name: z.string(),
      status: RoomStateSchema,
      /** The known busy time inside the range, merged; empty when `unknown`. */
      busy: z.array(z.object({ start: IsoInstant, end: IsoInstant })),
    }),
  ),
});
export type RoomAvailability = z.infer<typeof RoomAvailabilitySchema>;

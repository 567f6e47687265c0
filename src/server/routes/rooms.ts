/**
 * Rooms (Plus; admins manage them) and locations with their ordered rooms. `/rooms/availability` is mounted
 * before `/rooms/:id`, which would otherwise take it for a room id.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import { API_ROUTES as R } from '../api-routes.js';
import type { AuthVariables } from '../auth.js';
import { mountRoute } from '../openapi.js';
import {
  createLocation,
  createRoom,
  getLocationView,
  getRoomView,
  listLocationViews,
  removeLocation,
  removeRoom,
  roomAvailability,
  roomView,
  updateLocation,
  updateRoom,
} from '../services/rooms.js';
import { listRooms } from '../../store/repos/rooms.js';

export function roomsRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  mountRoute(app, R.listRooms, async (c) => c.json({ items: (await listRooms(deps.db, c.get('principal').orgId)).map(roomView) }));
  mountRoute(app, R.createRoom, async (c, { body }) => c.json(await createRoom(deps, c.get('principal').orgId, body), 201));
  mountRoute(app, R.roomAvailability, async (c, { query }) => c.json(await roomAvailability(deps, c.get('org'), query)));
  mountRoute(app, R.getRoom, async (c) => c.json(await getRoomView(deps, c.get('principal').orgId, c.req.param('id')!)));
  mountRoute(app, R.updateRoom, async (c, { body }) => c.json(await updateRoom(deps, c.get('principal').orgId, c.req.param('id')!, body)));
  mountRoute(app, R.deleteRoom, async (c) => {
    await removeRoom(deps, c.get('principal').orgId, c.req.param('id')!);
    return c.body(null, 204);
  });

  mountRoute(app, R.listLocations, async (c) => c.json({ items: await listLocationViews(deps, c.get('principal').orgId) }));
  mountRoute(app, R.createLocation, async (c, { body }) => c.json(await createLocation(deps, c.get('org'), body), 201));
  mountRoute(app, R.getLocation, async (c) => c.json(await getLocationView(deps, c.get('principal').orgId, c.req.param('id')!)));
  mountRoute(app, R.updateLocation, async (c, { body }) => c.json(await updateLocation(deps, c.get('org'), c.req.param('id')!, body)));
  mountRoute(app, R.deleteLocation, async (c) => {
    await removeLocation(deps, c.get('principal').orgId, c.req.param('id')!);
    return c.body(null, 204);
  });
  return app;
}

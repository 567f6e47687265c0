/**
 * Demo-only endpoints (mounted only when the server runs with the embedded simulator): who the demo users are,
 * a host-style token for one of them (what d.vinci would mint for its logged-in user), the demo booking link,
 * and a reset of the demo data. Never mounted in production.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { jsonBody } from '../validation.js';
import { ApiError } from '../errors.js';

export interface DemoControl {
  info(): Promise<{ organizationId: string; users: Array<{ id: string; name: string; roles: string[]; timeZone: string }>; bookingLink: string | null; bookingToken: string | null }>;
  token(userId: string): Promise<string | null>;
  reset(): Promise<void>;
  /** The demo's stand-in for the host application's webhook receiver: verifies and records deliveries. */
  receiveWebhook(headers: Record<string, string | undefined>, body: string): Promise<boolean>;
  webhooks(): Array<{ id: string; type: string; receivedAt: string; payload: unknown }>;
}

export function demoRoutes(demo: DemoControl) {
  return new Hono()
    .get('/', async (c) => c.json(await demo.info()))
    .post('/token', async (c) => {
      const { userId } = await jsonBody(c, z.object({ userId: z.string().min(1).max(128) }));
      const token = await demo.token(userId);
      if (!token) throw new ApiError(404, 'not_found', 'No such demo user.');
      return c.json({ token });
    })
    .post('/webhooks', async (c) => {
      const ok = await demo.receiveWebhook(
        { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') },
        await c.req.text(),
      );
      return ok ? c.body(null, 204) : c.json({ error: { code: 'unauthorized', message: 'Bad webhook signature.' } }, 401);
    })
    .get('/webhooks', (c) => c.json({ deliveries: demo.webhooks() }))
    .post('/reset', async (c) => {
      await demo.reset();
      return c.json(await demo.info());
    });
}

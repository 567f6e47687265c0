/**
 * Runs the simulator standalone on its own port (for QA sessions or a product started with CRONOFY_API_URL pointing
 * at it): `CRONOFY_API_URL=http://host:port`, `CRONOFY_APP_URL=http://host:port/app`. Reads no environment; the
 * caller passes everything. Invariant: `close()` resolves only after the socket is closed.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createCronofySim, type CronofySim, type CronofySimOptions } from './index.js';

export type ServedCronofySim = { sim: CronofySim; url: string; close(): Promise<void> };

export function serveCronofySim(options: CronofySimOptions & { port?: number; hostname?: string }): Promise<ServedCronofySim> {
  const { port = 0, hostname = '127.0.0.1', ...simOptions } = options;
  const sim = createCronofySim(simOptions);
  return new Promise((resolve) => {
    const server = serve({ fetch: sim.app.fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        sim,
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            sim.control.reset(); // releases requests held by timeout faults
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Entry point of `npm start` and `node dist/server.js`: reads the environment (the only file that does), starts
 * the server, prints where to go, and shuts down cleanly on Ctrl-C or SIGTERM.
 */
import { readConfig } from './config.js';
import { startServer } from './runtime.js';

const config = readConfig(process.env, process.cwd());
const server = await startServer(config);
const info = server.demo ? await server.demo.info() : null;
const lines = [
  '',
  `dv-calendar is running at ${server.url}`,
  `  Start page:        ${server.url}/`,
  ...(info?.bookingLink ? [`  Applicant page:    ${info.bookingLink}`] : []),
  `  Admin page:        ${server.url}/admin.html`,
  `  API health:        ${server.url}/api/health`,
  ...(config.embeddedSimulator ? [`  Cronofy simulator: ${server.url}/sim/`] : []),
  `  Store:             ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`,
  'Press Ctrl-C to stop.',
  '',
];
if (config.logLevel !== 'silent') process.stderr.write(lines.join('\n') + '\n');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    if (config.logLevel !== 'silent') process.stderr.write(`\n${signal} received, stopping…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

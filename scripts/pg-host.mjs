// Holds the embedded PostgreSQL for `npm start` in its own process group, so that Ctrl-C and
// SIGTERM reach the API and the worker first; PostgreSQL stops last, when the parent says "stop"
// over IPC or disappears.
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const [databaseDir, port, database] = process.argv.slice(2);
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});

let starting;
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const pg = await starting?.catch(() => undefined); // a stop during start waits for the start
  await pg?.stop().catch(() => {});
  process.exit(0);
}
process.on('message', (m) => m === 'stop' && void stop());
process.on('disconnect', () => void stop());

try {
  starting = startEmbeddedPostgres({
    databaseDir,
    port: Number(port),
    database,
    log: (m) => console.log(`[causeway] ${m}`),
  });
  const pg = await starting;
  if (!stopping) process.send({ ready: true, url: pg.url });
} catch (err) {
  process.send({ ready: false, error: err.message ?? String(err) });
  process.exit(1);
}

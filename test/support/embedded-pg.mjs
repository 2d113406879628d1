// A PostgreSQL of a fault test's own: `node test/support/embedded-pg.mjs <dataDir> <port>` starts the
// embedded server (initialising <dataDir> the first time), prints `ready <url>`, and stops it on
// SIGTERM or SIGINT. Run in its own process so that a test can stop and start it like a real server.
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.mjs';

const [dataDir, port] = process.argv.slice(2);
const pg = await startEmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  database: 'causeway_fault',
});
process.stdout.write(`ready ${pg.url}\n`);
const stop = async () => {
  await pg.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

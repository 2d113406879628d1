import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const embedded = globalThis.__embeddedPg;
  if (embedded) {
    await embedded.stop();
    rmSync(embedded.dir, { recursive: true, force: true });
  }
}

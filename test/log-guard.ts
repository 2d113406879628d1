// After each end-to-end test file: no line its processes logged may hold a secret (a password,
// a token, a JWT). The lines are in this jest worker's log file (LOG_FILE, see test-env.ts).
import { testLogFile } from '@causeway/testing/test-env';
import { fileSize, scanLogFile } from '../libs/testing/src/log-scan.cjs';

let from = 0;
beforeAll(() => {
  from = fileSize(testLogFile());
});
afterAll(() => {
  const hits = scanLogFile(testLogFile(), from);
  if (hits.length > 0) {
    throw new Error(
      `secrets in the log lines of this test file:\n${hits
        .slice(0, 10)
        .map((h) => `  ${h.what}: ${h.excerpt}`)
        .join('\n')}`,
    );
  }
});

// Finds secrets in log lines: JWTs, bearer tokens, refresh-token-shaped strings, fields named like
// secrets whose value is not "[Redacted]", and the literal passwords and secrets the tests use.
// Plain CommonJS so that jest's global teardown (ESM) and the test files (TS) share it.
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');

const PATTERNS = [
  ['JWT', /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}/],
  ['bearer token', /bearer\s+[\w.~+/-]{20,}/i],
  [
    'secret-named field',
    /"(password|newPassword|currentPassword|accessToken|refreshToken|token|authorization|cookie|secret)"\s*:\s*"(?!\[Redacted\])[^"]/i,
  ],
  ['refresh token', /(?<![\w-])(?=[\w-]*[A-Z])(?=[\w-]*[a-z])(?=[\w-]*\d)[\w-]{43}(?![\w-])/],
];

/** The literal passwords and secrets in the test sources (`password: '...'`, JWT_SECRET...). */
function knownSecrets() {
  const found = new Set(['test-secret-for-jest-only-0123456789abcdef']);
  const dirs = [join(root, 'test'), join(root, 'libs', 'testing', 'src')];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (!/\.(ts|mjs|cjs)$/.test(f) || f.startsWith('log-scan')) continue;
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(
        /(?:password|Password|PASSWORD)\w*['"]?\s*[:=]\s*['"`]([^'"`\n]{8,})['"`]/g,
      ))
        found.add(m[1]);
    }
  }
  return [...found];
}

/** Each line of `text` that holds a secret, with what was found (the secret itself is not repeated). */
function scanText(text, secrets = knownSecrets()) {
  const hits = [];
  text.split('\n').forEach((line, i) => {
    if (!line) return;
    for (const [what, re] of PATTERNS)
      if (re.test(line))
        hits.push({ line: i + 1, what, excerpt: line.replace(re, '<SECRET>').slice(0, 300) });
    for (const s of secrets)
      if (line.includes(s))
        hits.push({
          line: i + 1,
          what: 'a test password or secret',
          excerpt: line.split(s).join('<SECRET>').slice(0, 300),
        });
  });
  return hits;
}

/** Scans a log file from byte `from` on. */
function scanLogFile(file, from = 0) {
  if (!existsSync(file)) return [];
  const buf = readFileSync(file);
  return scanText(buf.subarray(Math.min(from, buf.length)).toString('utf8')).map((h) => ({
    file,
    ...h,
  }));
}

const fileSize = (file) => (existsSync(file) ? statSync(file).size : 0);

module.exports = { scanText, scanLogFile, knownSecrets, fileSize, PATTERNS };

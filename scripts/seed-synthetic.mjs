#!/usr/bin/env node
// npm run seed:synthetic -- --users N --orgs M --follows F [--huge 1000000,100000] [--updates-per-org U] [--seed S] [--prefix P]
// Loads a skewed synthetic graph into DATABASE_URL (migrations applied: start the API once, or
// `npm run migration:run`) with COPY. See scripts/seed/synthetic.mjs.
import { parseArgs } from 'node:util';
import { seedSynthetic } from './seed/synthetic.mjs';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    orgs: { type: 'string', default: '1000' },
    follows: { type: 'string', default: '1000000' },
    huge: { type: 'string', default: '' },
    'updates-per-org': { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    prefix: { type: 'string' },
  },
});
const num = (name) => {
  const n = Number(values[name]);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number`);
    process.exit(2);
  }
  return n;
};
const opts = {
  users: num('users'),
  orgs: num('orgs'),
  follows: num('follows'),
  huge: values.huge ? values.huge.split(',').map(Number) : [],
  updatesPerOrg: num('updates-per-org'),
  seed: num('seed'),
  prefix: values.prefix,
};
if (opts.users < 1 || opts.orgs < 1 || opts.huge.some((h) => !Number.isSafeInteger(h) || h < 0)) {
  console.error(
    '--users and --orgs must be at least 1; --huge is a comma-separated list of whole numbers',
  );
  process.exit(2);
}
if (opts.prefix !== undefined && !/^[a-z][a-z0-9]{0,15}$/.test(opts.prefix)) {
  console.error('--prefix must be 1 to 16 lowercase letters and digits, starting with a letter');
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is required (a database with every migration applied)');
  process.exit(2);
}
console.log(
  `seeding ${opts.users.toLocaleString('en')} people, ${opts.orgs.toLocaleString('en')} organizations, ~${opts.follows.toLocaleString('en')} follows`,
);
const t0 = Date.now();
const out = await seedSynthetic(process.env.DATABASE_URL, { ...opts, log: console.log });
const top = [...out.orgs]
  .sort((a, b) => b.followers - a.followers)
  .slice(0, 3)
  .map((o) => `${o.slug} ${o.followers.toLocaleString('en')}`);
console.log(
  `done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${out.follows.toLocaleString('en')} follows; largest: ${top.join(', ')}`,
);

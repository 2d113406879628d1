// Before anything is timed: the raw server must do the API's work. For each benchmark request this
// sends the same HTTP request to both, with their statement logs switched on (lib/sql-log.cjs), and
// checks that the answers are the same bytes (pledge ids aside: each pledge is new) and that both
// sent the same SQL statements (text up to white space, and number of parameters).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { post, sleep } from './common.mjs';
import { FEED, FLOOR, PLEDGE } from './queries.mjs';

const norm = (s) => s.replace(/\s+/g, ' ').trim();

async function statementsOf(server, send) {
  rmSync(server.sqlLog, { force: true });
  process.kill(server.pid, 'SIGWINCH');
  await sleep(50);
  const res = await send();
  await sleep(150); // the API's after-response work (publication) is part of the request
  process.kill(server.pid, 'SIGWINCH');
  await sleep(50);
  const lines = existsSync(server.sqlLog)
    ? readFileSync(server.sqlLog, 'utf8').trim().split('\n').filter(Boolean)
    : [];
  return {
    res,
    statements: lines.map((l) => JSON.parse(l)).map((s) => `${norm(s.text)} [${s.n} params]`),
  };
}

/** Throws with the first difference; returns a summary per request. */
export async function checkEquivalence({ api, raw, world }, log) {
  const cases = [
    { name: 'floor', payload: { query: FLOOR }, token: world.readerToken },
    { name: 'feed page', payload: { query: FEED }, token: world.readerToken },
    {
      name: 'pledge',
      payload: (side) => ({
        query: PLEDGE,
        variables: {
          i: {
            campaignId: world.campaignId,
            amount: '100',
            currency: 'USD',
            idempotencyKey: `equivalence-${side}`,
          },
        },
      }),
      token: world.pledgerTokens[0],
      mask: (body) => body.replace(/"id":"[0-9a-f-]{36}"/, '"id":"<new pledge>"'),
    },
  ];
  const summary = [];
  for (const c of cases) {
    const out = {};
    for (const [side, server] of [
      ['api', api],
      ['raw', raw],
    ]) {
      const payload = typeof c.payload === 'function' ? c.payload(side) : c.payload;
      out[side] = await statementsOf(server, () => post(server.base, '/graphql', payload, c.token));
    }
    const [a, r] = [out.api, out.raw];
    if (a.res.status !== 200 || r.res.status !== 200)
      throw new Error(
        `${c.name}: HTTP ${a.res.status} (API) vs ${r.res.status} (raw): ${a.res.body.slice(0, 200)} | ${r.res.body.slice(0, 200)}`,
      );
    const mask = c.mask ?? ((b) => b);
    if (mask(a.res.body) !== mask(r.res.body)) {
      let i = 0;
      while (a.res.body[i] === r.res.body[i]) i++;
      throw new Error(
        `${c.name}: the bodies differ at byte ${i}:\n  API ${JSON.stringify(a.res.body.slice(Math.max(0, i - 60), i + 60))}\n  raw ${JSON.stringify(r.res.body.slice(Math.max(0, i - 60), i + 60))}`,
      );
    }
    // The loaders' look-ups run in one tick; their order is the event loop's, so compare as multisets.
    const sa = [...a.statements].sort();
    const sr = [...r.statements].sort();
    if (sa.length !== sr.length || sa.some((s, i) => s !== sr[i])) {
      const onlyApi = sa.filter((s) => !sr.includes(s));
      const onlyRaw = sr.filter((s) => !sa.includes(s));
      throw new Error(
        `${c.name}: the statements differ (${sa.length} from the API, ${sr.length} from the raw server)\n  API only: ${onlyApi.join('\n    ')}\n  raw only: ${onlyRaw.join('\n    ')}`,
      );
    }
    summary.push(
      `${c.name}: ${a.res.body.length} bytes identical${c.mask ? ' (pledge id aside)' : ''}, ${sa.length} identical statements`,
    );
  }
  for (const s of summary) log(`  ${s}`);
  return summary;
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, TestStack } from '@causeway/testing';

// The API serves the built web app (apps/web/dist; the test setup builds it) at /.
const dist = join(__dirname, '..', 'apps', 'web', 'dist');

describe('the web app served by the API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('was built, for production (even when the tests started the build with NODE_ENV=test)', () => {
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    for (const file of readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'))) {
      expect([file, readFileSync(join(dist, 'assets', file), 'utf8').includes('jsxDEV')]).toEqual([
        file,
        false,
      ]);
    }
  });

  it.each([
    '/',
    '/login',
    '/orgs/clean-wells/manage',
    '/campaigns/01a2-x',
    '/@someone',
    '/search?q=water',
    '/notifications',
  ])('answers the deep link %s with index.html, revalidated on every visit', async (path) => {
    const res = await fetch(`${stack.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(readFileSync(join(dist, 'index.html'), 'utf8'));
  });

  it('serves hashed assets compressed with a year of immutable caching; a missing asset is 404, never index.html', async () => {
    const js = readdirSync(join(dist, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await fetch(`${stack.url}/assets/${js}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.text()).length).toBe(readFileSync(join(dist, 'assets', js), 'utf8').length);
    for (const missing of [
      '/assets/missing-abc123.js',
      '/favicon.ico',
      '/assets/app.css',
      '/.vite/manifest.json',
    ]) {
      const r = await fetch(`${stack.url}${missing}`);
      expect([missing, r.status]).toEqual([missing, 404]);
      expect(await r.text()).not.toContain('<div id="root">');
    }
  });

  it('leaves /graphql, /health and /auth/* to the API', async () => {
    const gql = await stack.gql('{ __typename }');
    expect(gql.data).toEqual({ __typename: 'Query' });
    const health = await fetch(`${stack.url}/health`);
    expect(health.headers.get('content-type')).toMatch(/json/);
    for (const path of ['/auth', '/auth/nothing', '/auth/refresh', '/graphql/extra', '/health/x']) {
      const r = await fetch(`${stack.url}${path}`);
      expect([path, r.status >= 400]).toEqual([path, true]);
      expect(await r.text()).not.toContain('<div id="root">');
    }
  });
});

import { scanText, knownSecrets } from './log-scan.cjs';

describe('log-scan', () => {
  const clean = JSON.stringify({
    level: 'info',
    requestId: '0194f3a2-1c2d-7e4f-8a9b-0c1d2e3f4a5b',
    msg: 'POST /graphql 200',
    req: { headers: { authorization: '[Redacted]' } },
  });

  it('finds nothing in ordinary lines', () => {
    expect(scanText(clean)).toEqual([]);
  });

  it.each([
    [
      'JWT',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    ['bearer token', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456'],
    ['secret-named field', '{"variables":{"password":"hunter2hunter2"}}'],
    ['refresh token', 'refresh Ig0YrKfSvHVmLx8vOpGW1-LzptiOaurdHiCiTMfUC5k used'],
    ['a test password or secret', `login with ${knownSecrets()[0]}`],
  ])('finds: %s', (what, line) => {
    expect(scanText(`${clean}\n${line}`).map((h) => h.what)).toContain(what);
  });

  it('knows the passwords the tests use', () => {
    expect(knownSecrets()).toContain('correct horse battery');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPrivateAddress, parseTarget, resolveTarget, TargetRefused } from './target-guard';
import { generateSecret, sign, signatureHeader, verifySignature } from './signing';

describe('webhook signing', () => {
  it('matches the Standard Webhooks reference vector', () => {
    const sut = sign(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(sut).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs with every secret in force and verifies with either', () => {
    const [a, b] = [generateSecret(), generateSecret()];
    const now = 1_800_000_000;
    const header = signatureHeader([a, b], 'msg_1', now, '{}');
    expect(header.split(' ')).toHaveLength(2);
    for (const s of [a, b])
      expect(
        verifySignature(
          s,
          { id: 'msg_1', timestamp: String(now), signature: header },
          '{}',
          300,
          now * 1000,
        ),
      ).toBe(true);
    expect(
      verifySignature(
        generateSecret(),
        { id: 'msg_1', timestamp: String(now), signature: header },
        '{}',
        300,
        now * 1000,
      ),
    ).toBe(false);
    expect(
      verifySignature(
        a,
        { id: 'msg_1', timestamp: String(now), signature: header },
        '{} ',
        300,
        now * 1000,
      ),
    ).toBe(false);
    expect(
      verifySignature(
        a,
        { id: 'msg_1', timestamp: String(now), signature: header },
        '{}',
        300,
        (now + 301) * 1000,
      ),
    ).toBe(false);
  });

  it('makes secrets of 32 random bytes', () => {
    expect(Buffer.from(generateSecret().slice(6), 'base64')).toHaveLength(32);
  });
});

describe('webhook targets', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '2002:7f00:1::1',
    '224.0.0.1',
    '255.255.255.255',
  ])('%s is private', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (ip) => {
      expect(isPrivateAddress(ip)).toBe(false);
    },
  );

  it.each([
    'http://example.org/x',
    'https://localhost/x',
    'https://a.localhost/x',
    'https://127.0.0.1/x',
    'https://[::1]/x',
    'https://u:p@example.org/',
    'ftp://example.org',
    'nonsense',
    'https://10.0.0.1:8443/',
  ])('refuses %s without WEBHOOKS_ALLOW_PRIVATE_TARGETS', (url) => {
    expect(() => parseTarget(url, false)).toThrow(TargetRefused);
  });

  it('allows http and loopback with WEBHOOKS_ALLOW_PRIVATE_TARGETS', () => {
    expect(parseTarget('http://127.0.0.1:8080/hook', true).port).toBe('8080');
    expect(parseTarget('https://example.org/hook?x=1', false).hostname).toBe('example.org');
  });

  it('checks every address a name resolves to, on each call, and pins the first (DNS rebinding)', async () => {
    const answers = [
      [{ address: '93.184.216.34', family: 4 }],
      [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    ];
    let calls = 0;
    const resolver = () => Promise.resolve(answers[calls++]);
    await expect(
      resolveTarget('https://hooks.example.com/x', false, resolver),
    ).resolves.toMatchObject({ address: '93.184.216.34', family: 4 });
    await expect(resolveTarget('https://hooks.example.com/x', false, resolver)).rejects.toThrow(
      /resolves to a private address/,
    );
    expect(calls).toBe(2);
    await expect(
      resolveTarget('https://hooks.example.com/x', true, () =>
        Promise.resolve([{ address: '10.0.0.1', family: 4 }]),
      ),
    ).resolves.toMatchObject({ address: '10.0.0.1' });
    await expect(
      resolveTarget('https://nowhere.example/x', false, () =>
        Promise.reject(new Error('ENOTFOUND')),
      ),
    ).rejects.toThrow(/does not resolve/);
  });
});

describe('docs/webhooks.md', () => {
  it('holds a Node snippet that verifies the reference vector and refuses a changed body', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/webhooks.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/
      .exec(doc)![1]
      .replace(
        "import { createHmac, timingSafeEqual } from 'node:crypto';",
        "const { createHmac, timingSafeEqual } = require('node:crypto');",
      )
      .replace('export function', 'function');
    // The snippet runs as a reader would paste it, compiled from the document's text, in this
    // realm (so the test's fake clock applies).
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const verify = new Function('require', `${code}\nreturn verifyCausewayWebhook;`)(require);
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    const now = jest.spyOn(Date, 'now').mockReturnValue(1614265330 * 1000);
    try {
      expect(
        verify('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers, '{"test": 2432232314}'),
      ).toEqual({ test: 2432232314 });
      expect(() =>
        verify('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers, '{"test": 2432232315}'),
      ).toThrow(/no valid signature/);
    } finally {
      now.mockRestore();
    }
  });
});

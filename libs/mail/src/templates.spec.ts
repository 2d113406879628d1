import { digestMail, passwordResetMail, verificationMail } from './templates';
import {
  checkUnsubscribeSignature,
  unsubscribeSignature,
  unsubscribeUrl,
} from './unsubscribe-link';

describe('email templates', () => {
  it('escape what people wrote and carry no scripts, styles or images', () => {
    const mail = digestMail(
      'en',
      'Ana <b>',
      [
        {
          title: 'Water · <Org>',
          updates: [
            {
              url: 'https://x.test/updates/1?a=1&b=2',
              excerpt: '<script>alert(1)</script> & more',
              by: 'Org "A"',
              at: new Date('2026-11-02T10:00:00Z'),
            },
          ],
        },
      ],
      [],
      { unsubscribe: 'https://x.test/u', settings: 'https://x.test/settings' },
    );
    expect(mail.html).not.toMatch(/<script|<style|<img|<link/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(mail.html).toContain('href="https://x.test/updates/1?a=1&amp;b=2"');
    expect(mail.text).toContain('* Org "A", 2 Nov: <script>alert(1)</script> & more');
    expect(mail.subject).toBe('Your Causeway digest: 1 new update');
  });

  it("speak the person's language, English otherwise", () => {
    expect(verificationMail('de', 'Jo', 'https://x.test/v').subject).toBe(
      'Bestätige deine E-Mail-Adresse für Causeway',
    );
    expect(passwordResetMail('fr', 'Jo', 'https://x.test/r').subject).toBe(
      'Reset your Causeway password',
    );
    expect(passwordResetMail('de', 'Jo', 'https://x.test/r').text).toContain(
      'Neues Passwort wählen: https://x.test/r',
    );
  });
});

describe('unsubscribe links', () => {
  it('are signed per user and secret', () => {
    const sig = unsubscribeSignature('secret-a', 'user-1');
    expect(checkUnsubscribeSignature('secret-a', 'user-1', sig)).toBe(true);
    expect(checkUnsubscribeSignature('secret-a', 'user-2', sig)).toBe(false);
    expect(checkUnsubscribeSignature('secret-b', 'user-1', sig)).toBe(false);
    expect(checkUnsubscribeSignature('secret-a', 'user-1', sig.slice(1))).toBe(false);
    expect(unsubscribeUrl('https://app.test', 'secret-a', 'user-1')).toBe(
      `https://app.test/email/unsubscribe?u=user-1&s=${sig}`,
    );
  });
});

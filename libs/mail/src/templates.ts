/**
 * Email templates, text and HTML, in English and German. The HTML is a single centred table with
 * inline styles only (no stylesheets, no scripts, no images), which common clients render alike.
 */
export type MailLocale = 'en' | 'de';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";

function layout(locale: MailLocale, title: string, bodyHtml: string, footerHtml: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;${FONT};color:#18181b;">
<tr><td style="padding:24px 32px 0 32px;font-size:20px;font-weight:bold;color:#0f766e;">Causeway</td></tr>
<tr><td style="padding:16px 32px 24px 32px;font-size:16px;line-height:1.5;">${bodyHtml}</td></tr>
<tr><td style="padding:16px 32px 24px 32px;font-size:12px;line-height:1.5;color:#52525b;border-top:1px solid #e4e4e7;">${footerHtml}</td></tr>
</table></td></tr></table></body></html>`;
}

const button = (href: string, label: string) =>
  `<p style="margin:24px 0;"><a href="${escapeHtml(href)}" style="display:inline-block;background:#0f766e;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:bold;">${escapeHtml(label)}</a></p>`;

const para = (s: string) => `<p style="margin:0 0 12px 0;">${escapeHtml(s)}</p>`;

const TEXTS = {
  en: {
    hello: (name: string) => `Hello ${name},`,
    verifySubject: 'Confirm your email address for Causeway',
    verifyIntro:
      'Please confirm that this is your email address, so that we can send you your digest and help you back into your account if you ever need it.',
    verifyButton: 'Confirm my address',
    verifyExpiry:
      'The link works for 7 days. If you did not sign up for Causeway, ignore this email.',
    resetSubject: 'Reset your Causeway password',
    resetIntro: 'Someone (we hope you) asked to reset the password of your Causeway account.',
    resetButton: 'Choose a new password',
    resetExpiry:
      'The link works once, for one hour. Choosing a new password signs you out everywhere. If you did not ask for this, ignore this email: your password stays as it is.',
    linkFallback: 'If the button does not work, open this link:',
    footer: 'You receive this email because of your Causeway account.',
    digestSubject: (n: number) =>
      n === 1 ? 'Your Causeway digest: 1 new update' : `Your Causeway digest: ${n} new updates`,
    digestSubjectCampaigns: 'Your Causeway digest: campaigns are moving',
    digestIntro: 'Here is what happened in what you follow since your last digest.',
    digestCampaigns: 'Campaigns moving toward their goal',
    digestOther: 'Other updates',
    digestRead: 'Read',
    digestProgress: (pledged: string, goal: string, pct: number) =>
      `${pledged} of ${goal} pledged (${pct}%)`,
    digestFooter: 'You receive this digest because of the follows you set to "digest" on Causeway.',
    unsubscribe: 'Unsubscribe from the digest',
    settings: 'Change what you receive',
  },
  de: {
    hello: (name: string) => `Hallo ${name},`,
    verifySubject: 'Bestätige deine E-Mail-Adresse für Causeway',
    verifyIntro:
      'Bitte bestätige, dass dies deine E-Mail-Adresse ist, damit wir dir deine Zusammenfassung schicken und dir bei Bedarf zurück in dein Konto helfen können.',
    verifyButton: 'Adresse bestätigen',
    verifyExpiry:
      'Der Link ist 7 Tage gültig. Wenn du dich nicht bei Causeway angemeldet hast, ignoriere diese E-Mail.',
    resetSubject: 'Setze dein Causeway-Passwort zurück',
    resetIntro:
      'Jemand (hoffentlich du) hat verlangt, das Passwort deines Causeway-Kontos zurückzusetzen.',
    resetButton: 'Neues Passwort wählen',
    resetExpiry:
      'Der Link funktioniert einmal und eine Stunde lang. Ein neues Passwort meldet dich überall ab. Wenn du das nicht verlangt hast, ignoriere diese E-Mail: Dein Passwort bleibt, wie es ist.',
    linkFallback: 'Falls der Knopf nicht funktioniert, öffne diesen Link:',
    footer: 'Du erhältst diese E-Mail wegen deines Causeway-Kontos.',
    digestSubject: (n: number) =>
      n === 1
        ? 'Deine Causeway-Zusammenfassung: 1 neuer Beitrag'
        : `Deine Causeway-Zusammenfassung: ${n} neue Beiträge`,
    digestSubjectCampaigns: 'Deine Causeway-Zusammenfassung: Kampagnen kommen voran',
    digestIntro: 'Das ist seit deiner letzten Zusammenfassung bei dem passiert, dem du folgst.',
    digestCampaigns: 'Kampagnen auf dem Weg zu ihrem Ziel',
    digestOther: 'Weitere Beiträge',
    digestRead: 'Lesen',
    digestProgress: (pledged: string, goal: string, pct: number) =>
      `${pledged} von ${goal} zugesagt (${pct} %)`,
    digestFooter:
      'Du erhältst diese Zusammenfassung, weil du auf Causeway Quellen auf „Zusammenfassung“ gestellt hast.',
    unsubscribe: 'Zusammenfassung abbestellen',
    settings: 'Einstellungen ändern',
  },
} as const;

export const mailTexts = (locale: string) => TEXTS[locale === 'de' ? 'de' : 'en'];
const loc = (locale: string): MailLocale => (locale === 'de' ? 'de' : 'en');

function linkMail(
  locale: string,
  name: string,
  subject: string,
  intro: string,
  buttonLabel: string,
  expiry: string,
  link: string,
): RenderedMail {
  const t = mailTexts(locale);
  const text = [
    t.hello(name),
    '',
    intro,
    '',
    `${buttonLabel}: ${link}`,
    '',
    expiry,
    '',
    '-- ',
    t.footer,
    '',
  ].join('\n');
  const html = layout(
    loc(locale),
    subject,
    `${para(t.hello(name))}${para(intro)}${button(link, buttonLabel)}${para(expiry)}<p style="margin:0;font-size:13px;color:#52525b;">${escapeHtml(t.linkFallback)}<br><a href="${escapeHtml(link)}" style="color:#0f766e;word-break:break-all;">${escapeHtml(link)}</a></p>`,
    escapeHtml(t.footer),
  );
  return { subject, text, html };
}

export function verificationMail(locale: string, name: string, link: string): RenderedMail {
  const t = mailTexts(locale);
  return linkMail(
    locale,
    name,
    t.verifySubject,
    t.verifyIntro,
    t.verifyButton,
    t.verifyExpiry,
    link,
  );
}

export function passwordResetMail(locale: string, name: string, link: string): RenderedMail {
  const t = mailTexts(locale);
  return linkMail(locale, name, t.resetSubject, t.resetIntro, t.resetButton, t.resetExpiry, link);
}

export interface DigestUpdateItem {
  url: string;
  excerpt: string;
  by: string;
  at: Date;
}
export interface DigestGroup {
  /** A cause's or an organization's name; null: updates that name neither. */
  title: string | null;
  updates: DigestUpdateItem[];
}
export interface DigestCampaignItem {
  title: string;
  organization: string;
  url: string;
  pledged: string;
  goal: string;
  percent: number;
}

export function digestMail(
  locale: string,
  name: string,
  groups: DigestGroup[],
  campaigns: DigestCampaignItem[],
  links: { unsubscribe: string; settings: string },
): RenderedMail {
  const t = mailTexts(locale);
  const count = groups.reduce((n, g) => n + g.updates.length, 0);
  const subject = count > 0 ? t.digestSubject(count) : t.digestSubjectCampaigns;
  const dateFmt = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'short',
  });
  const text: string[] = [t.hello(name), '', t.digestIntro, ''];
  let html = `${para(t.hello(name))}${para(t.digestIntro)}`;
  for (const g of groups) {
    const heading = g.title ?? t.digestOther;
    text.push(`== ${heading} ==`, '');
    html += `<h2 style="margin:24px 0 8px 0;font-size:17px;color:#18181b;">${escapeHtml(heading)}</h2>`;
    for (const u of g.updates) {
      text.push(`* ${u.by}, ${dateFmt.format(u.at)}: ${u.excerpt}`, `  ${u.url}`, '');
      html += `<p style="margin:0 0 12px 0;"><span style="color:#52525b;font-size:13px;">${escapeHtml(u.by)} · ${escapeHtml(dateFmt.format(u.at))}</span><br>${escapeHtml(u.excerpt)} <a href="${escapeHtml(u.url)}" style="color:#0f766e;">${escapeHtml(t.digestRead)}</a></p>`;
    }
  }
  if (campaigns.length > 0) {
    text.push(`== ${t.digestCampaigns} ==`, '');
    html += `<h2 style="margin:24px 0 8px 0;font-size:17px;color:#18181b;">${escapeHtml(t.digestCampaigns)}</h2>`;
    for (const c of campaigns) {
      const progress = t.digestProgress(c.pledged, c.goal, c.percent);
      text.push(`* ${c.title} (${c.organization}): ${progress}`, `  ${c.url}`, '');
      html += `<p style="margin:0 0 12px 0;"><a href="${escapeHtml(c.url)}" style="color:#0f766e;font-weight:bold;">${escapeHtml(c.title)}</a> <span style="color:#52525b;">(${escapeHtml(c.organization)})</span><br>${escapeHtml(progress)}</p>`;
    }
  }
  text.push(
    '-- ',
    t.digestFooter,
    `${t.settings}: ${links.settings}`,
    `${t.unsubscribe}: ${links.unsubscribe}`,
    '',
  );
  const footer = `${escapeHtml(t.digestFooter)}<br><a href="${escapeHtml(links.settings)}" style="color:#52525b;">${escapeHtml(t.settings)}</a> · <a href="${escapeHtml(links.unsubscribe)}" style="color:#52525b;">${escapeHtml(t.unsubscribe)}</a>`;
  return { subject, text: text.join('\n'), html: layout(loc(locale), subject, html, footer) };
}

import { Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountsService, DigestFrequency } from '@causeway/accounts';
import { isUuid } from '@causeway/common';
import { authConfig, AuthConfig } from '@causeway/config';
import { checkUnsubscribeSignature, escapeHtml, mailTexts } from '@causeway/mail';

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#18181b;line-height:1.5">
<main><h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</main></body></html>`;

/**
 * One-click unsubscribe from the digest (RFC 8058), without signing in: the link carries the user
 * id and an HMAC of it. GET shows a confirmation page with one button (link scanners that follow
 * GETs change nothing); POST, which mail clients send with `List-Unsubscribe=One-Click`, sets the
 * digest frequency to OFF. Both answer 400 for a link that was not signed by Causeway.
 */
@Controller('email/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  @Get()
  confirm(@Query('u') userId: unknown, @Query('s') signature: unknown, @Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    );
    if (!this.valid(userId, signature)) {
      res
        .status(400)
        .type('html')
        .send(
          page(
            'This link is not valid',
            '<p>Open the unsubscribe link from the email again, or change your digest in your settings.</p>',
          ),
        );
      return;
    }
    const t = mailTexts('en');
    const action = `?u=${encodeURIComponent(userId)}&s=${encodeURIComponent(String(signature))}`;
    res
      .status(200)
      .type('html')
      .send(
        page(
          t.unsubscribe,
          `<p>You will no longer receive the Causeway digest by email. You can turn it on again in your settings.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">${escapeHtml(t.unsubscribe)}</button></form>`,
        ),
      );
  }

  @Post()
  @HttpCode(200)
  async unsubscribe(
    @Query('u') userId: unknown,
    @Query('s') signature: unknown,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (!this.valid(userId, signature)) {
      res
        .status(400)
        .type('html')
        .send(page('This link is not valid', '<p>Nothing was changed.</p>'));
      return;
    }
    await this.accounts.setDigestFrequency(userId, DigestFrequency.OFF).catch(() => undefined); // a deleted account: nothing to stop
    res
      .status(200)
      .type('html')
      .send(
        page(
          'You are unsubscribed',
          '<p>You will no longer receive the Causeway digest by email.</p>',
        ),
      );
  }

  private valid(userId: unknown, signature: unknown): userId is string {
    return (
      typeof userId === 'string' &&
      typeof signature === 'string' &&
      isUuid(userId) &&
      signature.length < 100 &&
      checkUnsubscribeSignature(this.auth.jwtSecret, userId, signature)
    );
  }
}

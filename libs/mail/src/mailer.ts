import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { mailConfig, MailConfig } from '@causeway/config';
import { sentEmails } from './sent-emails.repository';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID (without brackets' host part), so that a resend is recognisable as the same message. */
  messageId?: string;
  headers?: Record<string, string>;
}

/** Thrown when there is nowhere to send mail (production without SMTP_URL). */
export class MailUnavailableError extends Error {}

/**
 * Sends email: through SMTP_URL, or (no SMTP_URL, outside production) as .eml files under
 * MAIL_DIR that a person trying Causeway can open. Used by the worker only, never in a request.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(mailConfig.KEY) private readonly config: MailConfig) {
    switch (config.transport) {
      case 'smtp':
        this.transport = createTransport(config.smtpUrl, { from: config.from });
        break;
      case 'files':
        this.transport = createTransport(
          { streamTransport: true, buffer: true, newline: 'unix' },
          { from: config.from },
        );
        break;
      default:
        this.transport = null;
    }
  }

  /** False in production without SMTP_URL: nothing can be sent. */
  get canSend(): boolean {
    return this.transport !== null;
  }

  get appUrl(): string {
    return this.config.appUrl;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** Sends one message; throws when the server refuses it (the job retries). */
  async send(message: MailMessage): Promise<void> {
    if (!this.transport)
      throw new MailUnavailableError(
        'no SMTP_URL is configured: email cannot be sent in production',
      );
    const host = this.config.from.match(/@([^>\s]+)/)?.[1] ?? 'causeway.localhost';
    const info = await this.transport.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      messageId: message.messageId ? `<${message.messageId}@${host}>` : undefined,
    });
    if (this.config.transport === 'files') {
      await mkdir(this.config.mailDir, { recursive: true });
      const file = join(
        this.config.mailDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${(message.messageId ?? 'mail').replace(/[^A-Za-z0-9-]/g, '_')}.eml`,
      );
      await writeFile(file, info.message as Buffer);
      this.logger.log(`email written to ${file}`);
    }
  }

  /**
   * Sends the message `compose` builds (null: nothing to send) at most once per key: the ledger
   * row is inserted in the transaction that sends, and committed only once the server accepted the
   * message. A retry after that finds the row and sends nothing; a temporary failure rolls the row
   * back (and whatever `compose` wrote with `em`, such as a token) and throws, so the job retries
   * with backoff. A permanent refusal (SMTP 5xx: a bad address) is recorded and not retried, so
   * one bad address never holds up anything else.
   */
  async sendOnce(
    db: DataSource,
    key: string,
    userId: string | null,
    compose: (em: EntityManager) => Promise<MailMessage | null>,
  ): Promise<boolean> {
    if (!this.transport) {
      this.logger.error(`email ${key} not sent: no SMTP_URL is configured`);
      return false;
    }
    try {
      return await db.transaction(async (em) => {
        if (!(await sentEmails.claim(em, key, userId))) return false;
        const message = await compose(em);
        if (!message) return false;
        await this.send({ messageId: key, ...message });
        return true;
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (code === undefined || code < 500 || code >= 600) throw err;
      this.logger.warn(`email ${key} refused for good (SMTP ${code}); not retried`);
      await sentEmails.recordFailed(db.manager, key, userId);
      return false;
    }
  }
}

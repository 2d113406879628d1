import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EmailTokensService } from '@causeway/accounts';
import { Mailer, passwordResetMail, verificationMail } from '@causeway/mail';
import { DomainEvent, EmailRequestedData, EventHandlers } from '@causeway/outbox';

/**
 * Verification and password reset emails, from outbox events. Each event sends at most one email
 * (Mailer.sendOnce keyed by the event); its token is made in the transaction that sends it.
 */
@Injectable()
export class MailHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlers,
    private readonly tokens: EmailTokensService,
    private readonly mailer: Mailer,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.handlers.on(DomainEvent.VerificationEmailRequested, (data, eventId) =>
      this.verification(data, eventId),
    );
    this.handlers.on(DomainEvent.PasswordResetRequested, (data, eventId) =>
      this.passwordReset(data, eventId),
    );
  }

  private async verification({ userId }: EmailRequestedData, eventId: string): Promise<void> {
    await this.mailer.sendOnce(this.db, `verify-${eventId}`, userId, async (em) => {
      const to = await this.tokens.recipient(em, userId);
      if (!to || to.emailVerified) return null;
      const token = await this.tokens.issue(em, userId, 'VERIFY');
      return {
        to: to.email,
        ...verificationMail(
          to.locale,
          to.displayName,
          `${this.mailer.appUrl}/verify-email?token=${token}`,
        ),
      };
    });
  }

  private async passwordReset({ userId }: EmailRequestedData, eventId: string): Promise<void> {
    await this.mailer.sendOnce(this.db, `reset-${eventId}`, userId, async (em) => {
      const to = await this.tokens.recipient(em, userId);
      if (!to) return null;
      const token = await this.tokens.issue(em, userId, 'RESET');
      return {
        to: to.email,
        ...passwordResetMail(
          to.locale,
          to.displayName,
          `${this.mailer.appUrl}/reset-password?token=${token}`,
        ),
      };
    });
  }
}

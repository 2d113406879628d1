import { Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { ConfigModule } from '@causeway/config';

@Module({ imports: [ConfigModule], providers: [Mailer], exports: [Mailer] })
export class MailModule {}

import { Module } from '@nestjs/common';
import { MailModule } from '@causeway/mail';
import { DigestsService } from './digests.service';

@Module({ imports: [MailModule], providers: [DigestsService], exports: [DigestsService] })
export class DigestModule {}

import { Module } from '@nestjs/common';
import { MailModule } from '@causeway/mail';
import { DigestsService } from './digests.service';
import { ConfigModule } from '@causeway/config';

@Module({
  imports: [MailModule, ConfigModule],
  providers: [DigestsService],
  exports: [DigestsService],
})
export class DigestModule {}

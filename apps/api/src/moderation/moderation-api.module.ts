import { Module } from '@nestjs/common';
import { ModerationModule } from '@causeway/moderation';
import { AuthModule } from '../auth/auth.module';
import { BlocksResolver, ReportsResolver } from './moderation.resolver';

/** Reports (filed by anyone, resolved by platform admins) and blocks. */
@Module({ imports: [ModerationModule, AuthModule], providers: [ReportsResolver, BlocksResolver] })
export class ModerationApiModule {}

import { Module } from '@nestjs/common';
import { UpdatesModule } from '@causeway/updates';
import { CauseUpdatesResolver, OrganizationUpdatesResolver, UpdatesResolver, UserUpdatesResolver } from './updates.resolver';

/** Updates, their lists on organizations, causes and people, and the home feed. */
@Module({
  imports: [UpdatesModule],
  providers: [UpdatesResolver, OrganizationUpdatesResolver, CauseUpdatesResolver, UserUpdatesResolver],
})
export class UpdatesApiModule {}

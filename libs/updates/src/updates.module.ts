import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CausesModule } from '@causeway/causes';
import { OrganizationsModule } from '@causeway/organizations';
import { PledgesModule } from '@causeway/pledges';
import { UpdateEntity } from './update.entity';
import { UpdatesRepository } from './updates.repository';
import { UpdatesService } from './updates.service';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [
    TypeOrmModule.forFeature([UpdateEntity]),
    CausesModule,
    OrganizationsModule,
    PledgesModule,
    OutboxModule,
  ],
  providers: [UpdatesService, UpdatesRepository],
  exports: [UpdatesService, UpdatesRepository],
})
export class UpdatesModule {}

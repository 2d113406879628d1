import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CausesModule } from '@causeway/causes';
import { OutboxModule } from '@causeway/outbox';
import { UpdateEntity } from './update.entity';
import { UpdatesService } from './updates.service';

@Module({
  imports: [TypeOrmModule.forFeature([UpdateEntity]), CausesModule, OutboxModule],
  providers: [UpdatesService],
  exports: [UpdatesService],
})
export class UpdatesModule {}

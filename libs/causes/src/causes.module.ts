import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CauseEntity } from './cause.entity';
import { CausesRepository } from './causes.repository';
import { CausesService } from './causes.service';

@Module({
  imports: [TypeOrmModule.forFeature([CauseEntity])],
  providers: [CausesService, CausesRepository],
  exports: [CausesService, CausesRepository],
})
export class CausesModule {}

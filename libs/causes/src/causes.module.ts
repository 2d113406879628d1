import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CauseEntity } from './cause.entity';
import { CausesService } from './causes.service';

@Module({
  imports: [TypeOrmModule.forFeature([CauseEntity])],
  providers: [CausesService],
  exports: [CausesService],
})
export class CausesModule {}

import { Module } from '@nestjs/common';
import { SystemProducer } from './system.producer';
import { SystemResolver } from './system.resolver';

@Module({ providers: [SystemProducer, SystemResolver], exports: [SystemProducer] })
export class SystemModule {}

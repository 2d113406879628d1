import { Module } from '@nestjs/common';
import { SystemProducer } from './system.producer';
import { SystemResolver } from './system.resolver';

/** `apiVersion`, and the wiring probe's producer (the worker answers a ping on the event bus). */
@Module({ providers: [SystemProducer, SystemResolver], exports: [SystemProducer] })
export class SystemApiModule {}

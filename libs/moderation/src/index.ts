export * from './report.entity';
export * from './reports.service';
export * from './blocks.service';
export * from './moderation.module';

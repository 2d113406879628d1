export * from './campaign.entity';
export * from './pledge.entity';
export * from './pledge-rules';
export * from './campaigns.service';
export * from './pledges.service';
export * from './pledges.module';
export * from './campaign-progress';

export * from './organization.entity';
export * from './membership.entity';
export * from './organization-permissions';
export * from './organizations.service';
export * from './organizations.module';
export * from './organizations.sql';
export * from './organizations.repository';

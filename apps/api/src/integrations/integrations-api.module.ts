import { Module } from '@nestjs/common';
import { OwnershipModule } from '@causeway/ownership';
import { WebhooksModule } from '@causeway/webhooks';
import { AuthModule } from '../auth/auth.module';
import { DataExportController } from './data-export.controller';
import { DataExportsResolver, ViewerDataExportsResolver } from './ownership.resolver';
import { OrganizationWebhooksResolver, WebhooksResolver } from './webhooks.resolver';

/** Webhooks for organizations; data export and account deletion for people. */
@Module({
  imports: [WebhooksModule, OwnershipModule, AuthModule],
  controllers: [DataExportController],
  providers: [
    WebhooksResolver,
    OrganizationWebhooksResolver,
    DataExportsResolver,
    ViewerDataExportsResolver,
  ],
})
export class IntegrationsApiModule {}

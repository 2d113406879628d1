import { Injectable, Logger } from '@nestjs/common';
import { DigestsService } from '@causeway/digest';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '@causeway/accounts';
import { CommentsService, ReactionsService } from '@causeway/comments';
import { DomainError } from '@causeway/common';
import { FeedService } from '@causeway/feed';
import { FollowsService } from '@causeway/follows';
import { BlocksService } from '@causeway/moderation';
import { NotificationsService } from '@causeway/notifications';
import { OrganizationsService } from '@causeway/organizations';
import { PledgesService } from '@causeway/pledges';
import { UpdatesService } from '@causeway/updates';
import { DataExportsRepository } from './data-exports.repository';

/**
 * deleteAccount (CONTRACT.md): one transaction in which each owning lib erases its part through
 * its own service, every count moving by exactly the rows removed; pledges stay, so campaign
 * totals never change. PERSONAL_COLUMNS says what happens to each column that points at a person.
 */
@Injectable()
export class AccountDeletionService {
  private readonly logger = new Logger(AccountDeletionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly organizations: OrganizationsService,
    private readonly follows: FollowsService,
    private readonly reactions: ReactionsService,
    private readonly comments: CommentsService,
    private readonly updates: UpdatesService,
    private readonly pledges: PledgesService,
    private readonly blocks: BlocksService,
    private readonly notifications: NotificationsService,
    private readonly feed: FeedService,
    private readonly digests: DigestsService,
    private readonly exports: DataExportsRepository,
  ) {}

  async delete(userId: string, password: string): Promise<boolean> {
    if (!(await this.accounts.passwordMatches(userId, password))) {
      throw DomainError.badInput(
        { password: 'is not your current password' },
        'The password is not correct.',
      );
    }
    await this.db.transaction(async (em) => {
      if (!(await this.accounts.lockLive(em, userId)))
        throw DomainError.unauthenticated('Your account no longer exists; sign in again.');
      // First, as it may refuse (the last OWNER of an organization): nothing is changed then.
      await this.organizations.leaveAll(em, userId);
      await this.follows.removeAllOf(em, userId);
      await this.reactions.removeAllBy(em, userId);
      await this.comments.deleteAllBy(em, userId);
      await this.updates.deleteAllPersonal(em, userId);
      await this.pledges.forgetPerson(em, userId);
      await this.blocks.removeAllOf(em, userId);
      await this.notifications.removeAllFor(em, userId);
      await this.feed.clear(em, userId);
      await this.digests.forgetPerson(em, userId);
      await this.exports.eraseFor(em, userId);
      await this.accounts.erase(em, userId);
    });
    this.logger.log(`account ${userId} erased`);
    return true;
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  MembershipEntity,
  OrganizationEntity,
  OrganizationRole,
  OrganizationsService,
} from '@causeway/organizations';
import type { AuthUser } from '../graphql/context';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import {
  byIdLoader,
  constantLoader,
  listLoader,
  mapLoader,
  pagedLoader,
} from '../graphql/paged-loader';

/** Organizations by id, their causes and members, the viewer's role in each, and a cause's organizations. */
@Injectable()
export class OrganizationsLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly organizations: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    return {
      organizations: () => byIdLoader<OrganizationEntity>((ids) => this.organizations.byIds(ids)),
      causeOrganizations: () =>
        pagedLoader((ids, limit, after) => this.organizations.pagesForCauses(ids, limit, after)),
      organizationCauses: () =>
        listLoader(
          (ids) => this.organizations.causesOf(ids),
          (r) => r.organizationId,
        ),
      organizationMembers: () =>
        listLoader<MembershipEntity>(
          (ids) => this.organizations.membersOf(ids),
          (m) => m.organizationId,
        ),
      viewerRole: (viewer: AuthUser | null) =>
        viewer
          ? mapLoader<OrganizationRole | null>(
              async (orgIds) =>
                new Map(
                  (await this.organizations.rolesOf(viewer.id, orgIds)).map((m) => [
                    m.organizationId,
                    m.role,
                  ]),
                ),
              null,
            )
          : constantLoader<OrganizationRole | null>(null),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<OrganizationsLoaders['builders']>> {}
}

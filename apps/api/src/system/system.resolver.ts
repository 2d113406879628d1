import { Query, Resolver } from '@nestjs/graphql';

/** The contract revision this server implements. */
export const API_VERSION = '2026-11';

@Resolver()
export class SystemResolver {
  @Query(() => String, {
    description: 'The revision of the Causeway API contract this server implements.',
  })
  apiVersion(): string {
    return API_VERSION;
  }
}

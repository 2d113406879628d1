import { AccountsResolver, UsersResolver, ViewerResolver } from '../accounts/accounts.resolver';
import { SystemResolver } from '../system/system.resolver';

/**
 * Every resolver class of the API, for writing apps/api/schema.graphql at build time without
 * starting the server. A test holds this list to the schema the running API serves.
 */
export const API_RESOLVERS: Function[] = [SystemResolver, AccountsResolver, ViewerResolver, UsersResolver];

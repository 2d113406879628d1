import { DataSource } from 'typeorm';
import { PlatformRole, setPlatformRole } from '@causeway/accounts';

export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  run(args: string[], dataSource: DataSource): Promise<string>;
}

/** A failure the user caused: printed as is, exit code 1. */
export class CliError extends Error {}

const roleCommand = (name: string, role: PlatformRole, verb: string): CliCommand => ({
  name,
  usage: `${name} <email>`,
  description: `${verb} platform ADMIN rights (applies at once: admin checks read the role from the database)`,
  async run([email], dataSource) {
    if (!email) throw new CliError(`usage: npm run cli -- ${name} <email>`);
    const id = await setPlatformRole(dataSource, email, role);
    if (!id) throw new CliError(`no user with the email ${email}`);
    return `${email} is now ${role} (user ${id})`;
  },
});

/** Commands arrive with their issues. */
export const COMMANDS: CliCommand[] = [
  roleCommand('grant-admin', PlatformRole.ADMIN, 'grants'),
  roleCommand('revoke-admin', PlatformRole.MEMBER, 'revokes'),
];

import { DataSource } from 'typeorm';
import { PlatformRole, setPlatformRole } from '@causeway/accounts';
import { endPeriodNow } from '@causeway/digest/digest-ledger';

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
  {
    name: 'send-digests',
    usage: 'send-digests --now',
    description:
      "ends everyone's current digest period now; the worker sends the digests that have something new",
    async run(args, dataSource) {
      if (args.length !== 1 || args[0] !== '--now')
        throw new CliError('usage: npm run cli -- send-digests --now');
      const due = await endPeriodNow(dataSource);
      return `${due} digest period(s) ended; the worker sends those with something new`;
    },
  },
];

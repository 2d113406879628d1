import { DataSource } from 'typeorm';

export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  run(args: string[], dataSource: DataSource): Promise<string>;
}

/** Commands arrive with their issues (grant-admin with accounts). */
export const COMMANDS: CliCommand[] = [];

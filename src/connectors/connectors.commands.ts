import { Command, CommandRunner } from 'nest-commander';
import { CONNECTORS } from './connector-catalog';
import { connectorSubCommand } from './framework/connector-cli';

const SUB_COMMANDS = CONNECTORS.map((connector) => connectorSubCommand(connector.cli));

@Command({ name: 'connector', description: `pull addresses from an external system (${CONNECTORS.map((c) => c.cli.name).join(', ')})`, subCommands: SUB_COMMANDS })
export class ConnectorCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

/** Registered by the CLI module (src/cli/cli.module.ts). */
export const CONNECTOR_COMMANDS = [ConnectorCommand, ...SUB_COMMANDS];

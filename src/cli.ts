#!/usr/bin/env node
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { withConnectorDbPath } from './cli/connector-db-path';
import { UsageError } from './connectors/framework/connector-cli';
import { ConfigError, loadConfig } from './infra/config/app-config';

async function main(): Promise<void> {
  try {
    const config = withConnectorDbPath(loadConfig(), process.argv.slice(2));
    await CommandFactory.run(CliModule.forRoot(config), {
      logger: ['error', 'warn'],
      cliName: 'ipocket',
      errorHandler: (error) => {
        // Commander reports --help and --version as "errors" with exit code 0.
        if ((error as { exitCode?: number }).exitCode === 0) process.exit(0);
        console.error(`ipocket: ${error.message}`);
        process.exit(1);
      },
      serviceErrorHandler: (error) => {
        console.error(`ipocket: ${error.message}`);
        process.exit(1);
      },
    });
  } catch (error) {
    if (error instanceof UsageError) {
      // The connector commands' argparse-style usage error (connectors.md §0.7).
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    console.error(error instanceof ConfigError ? error.message : `ipocket: ${(error as Error).message}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
}

void main();

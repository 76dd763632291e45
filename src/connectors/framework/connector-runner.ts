import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor';
import type { ImportOutcome } from '../../imports/import-pipeline';
import { ImportsService } from '../../imports/imports.service';
import type { ConnectorBundle, ConnectorCollection, ConnectorProvider, RunMode } from './connector';
import { buildBundle } from './connector-bundle';
import { scrub, secretValues } from './secrets';

export interface ConnectorRunResult {
  connector: string;
  mode: RunMode;
  collection: ConnectorCollection;
  bundle: ConnectorBundle;
  /** Extraction warnings followed by bundle-build warnings (§0.6 item 9). */
  connectorWarnings: string[];
  /** The import result (dry-run / apply); absent in file mode. */
  outcome?: ImportOutcome;
}

/** The run failed before anything was imported; the message is safe to store and show (secrets scrubbed). */
export class ConnectorRunFailure extends Error {}

/** How many per-record plan lines a run keeps by default (the summary always counts everything). */
export const DEFAULT_PLAN_LIMIT = 10_000;

/**
 * Runs one connector in one mode (connectors.md §0.1): collect → bundle → import through the same pipeline
 * as every other import (apply = one transaction, IMPORT_RUN audit `connector_<name>`). Used by the jobs
 * service and the CLI alike. No transaction is open while the remote system is being read.
 */
@Injectable()
export class ConnectorRunner {
  constructor(private readonly imports: ImportsService) {}

  async run<O extends object>(provider: ConnectorProvider<O>, options: O, mode: RunMode, actor: Actor | null, planLimit = DEFAULT_PLAN_LIMIT): Promise<ConnectorRunResult> {
    const secrets = secretValues(options, provider.secretFields);
    try {
      const collection = await provider.collect(options);
      const built = buildBundle(collection);
      const result: ConnectorRunResult = {
        connector: provider.name,
        mode,
        collection,
        bundle: built.bundle,
        connectorWarnings: [...collection.warnings, ...built.warnings],
      };
      if (mode === 'file') return result;
      result.outcome = await this.imports.run({
        input: { kind: 'data', payload: built.bundle },
        dryRun: mode === 'dry-run',
        actor,
        source: { label: `connector_${provider.name}`, input: `connector:${provider.name}` },
        planWindow: { offset: 0, limit: planLimit },
      });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ConnectorRunFailure(scrub(message || 'unexpected error', secrets));
    }
  }
}

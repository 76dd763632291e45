import 'reflect-metadata';
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../infra/config/app-config';
import { dataSourceOptions } from '../infra/database/data-source-options';
import { Database } from '../infra/database/database';
import { toWorkerFailure } from './worker-failure';
import { insertAuditRows } from '../audit/audit-rows';
import { createImportWriters } from './import-state.loader';
import { ImportJob, reshapesTables, runImport } from './import-pipeline';

/**
 * Worker-thread entry for large imports: its own database connection (SQLite in WAL mode lets the app's
 * connection keep reading; PostgreSQL gets a small pool of its own), so parsing 100k rows and writing them
 * never blocks the HTTP event loop. The parent holds the app's write queue while an apply runs here.
 */
async function main(): Promise<void> {
  // On Linux the nice value is per thread: lowering it here only for this worker keeps the HTTP thread
  // first in line for the CPU while a large import runs.
  try {
    os.setPriority(0, 10);
  } catch {
    // not permitted on this platform: run at normal priority
  }
  const { config, job } = workerData as { config: AppConfig; job: ImportJob };
  const base = dataSourceOptions(config);
  const options = { ...base, migrationsRun: false, entities: [], ...(base.type === 'postgres' ? { extra: { max: 2 } } : {}) } as DataSourceOptions;
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const db = new Database(dataSource);
    const outcome = await runImport({ db, audit: { recordMany: insertAuditRows }, writers: createImportWriters() }, job);
    // Here rather than in the parent: ANALYZE of 100k new rows takes a few hundred ms of synchronous SQLite work,
    // which on the HTTP thread would stall every request. The parent holds the write queue until this returns.
    if (reshapesTables(outcome)) await db.refreshStatistics();
    parentPort!.postMessage({ ok: true, outcome });
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  parentPort!.postMessage(toWorkerFailure(error));
});

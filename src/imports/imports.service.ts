import { Inject, Injectable, Logger } from '@nestjs/common';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HostImportWriter } from '../hosts/host-import.writer';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { Database } from '../infra/database/database';
import { IpAssetImportWriter } from '../ip-assets/ip-asset-import.writer';
import { ProjectImportWriter } from '../projects/project-import.writer';
import { TagImportWriter } from '../tags/tag-import.writer';
import { VendorImportWriter } from '../vendors/vendor-import.writer';
import { insertAuditRows } from '../audit/audit-rows';
import { ImportJob, ImportOutcome, reshapesTables, runImport } from './import-pipeline';
import type { ImportWriters } from './import-state.loader';
import { fromWorkerFailure, WorkerFailure } from './worker-failure';

/** Inputs above this size are parsed, planned and applied on a worker thread (when running the build). */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

/** The worker entry exists only in the compiled build; under ts-jest everything runs in-process. */
const WORKER_FILE = path.join(__dirname, 'import.worker.js');
const COMPILED = __filename.endsWith('.js');

function inputBytes(job: ImportJob): number {
  const input = job.input;
  switch (input.kind) {
    case 'bundle':
    case 'nmap':
      return input.bytes.byteLength;
    case 'csv':
      return (input.hosts?.byteLength ?? 0) + (input.ipAssets?.byteLength ?? 0);
    case 'data':
      return 0;
  }
}

/** Upload buffers that own their whole memory are moved to the worker instead of copied. */
function transferable(job: ImportJob): ArrayBuffer[] {
  const input = job.input;
  const buffers = input.kind === 'csv' ? [input.hosts, input.ipAssets] : input.kind === 'data' ? [] : [input.bytes];
  return buffers.filter((b): b is Uint8Array => b !== undefined && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer).map((b) => b.buffer as ArrayBuffer);
}

/**
 * The one import entry point for the API, the UI, the CLI and the connectors: parse → validate → plan →
 * apply (see import-pipeline.ts). Large inputs run on a worker thread so the server keeps answering.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger('Imports');
  private readonly writers: ImportWriters;

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    vendors: VendorImportWriter,
    projects: ProjectImportWriter,
    hosts: HostImportWriter,
    tags: TagImportWriter,
    ipAssets: IpAssetImportWriter,
  ) {
    this.writers = { vendors, projects, hosts, tags, ipAssets };
  }

  async run(job: ImportJob): Promise<ImportOutcome> {
    const inWorker = COMPILED && inputBytes(job) >= WORKER_THRESHOLD_BYTES;
    const outcome = inWorker ? await this.runInWorker(job) : await runImport({ db: this.db, audit: { recordMany: insertAuditRows }, writers: this.writers }, job);
    const t = outcome.summary.total;
    // The worker has analyzed the changed tables itself, off this thread; this connection only re-reads the result.
    if (reshapesTables(outcome)) await (inWorker ? this.db.reloadStatistics() : this.db.refreshStatistics());
    this.logger.log(
      `${job.dryRun ? 'dry-run' : 'apply'} ${job.source?.label ?? job.input.kind}: create=${t.would_create} update=${t.would_update} skip=${t.would_skip} errors=${outcome.errors.length}`,
    );
    return outcome;
  }

  private runInWorker(job: ImportJob): Promise<ImportOutcome> {
    const work = () =>
      new Promise<ImportOutcome>((resolve, reject) => {
        const worker = new Worker(WORKER_FILE, { workerData: { config: this.config, job }, transferList: transferable(job) });
        let settled = false;
        worker.once('message', (message: { ok: true; outcome: ImportOutcome } | WorkerFailure) => {
          settled = true;
          if (message.ok) resolve(message.outcome);
          else reject(fromWorkerFailure(message));
        });
        worker.once('error', (error) => {
          settled = true;
          reject(error);
        });
        worker.once('exit', (code) => {
          if (!settled) reject(new Error(`Import worker exited with code ${code}.`));
        });
      });
    // A dry-run only reads; an apply must keep this process's other writers queued until it commits.
    return job.dryRun ? work() : this.db.exclusive(work);
  }
}

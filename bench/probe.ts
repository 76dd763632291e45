import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProbeJob } from './probe-worker';

/**
 * Times a series of GETs from a worker thread. The benchmark process holds the whole seeded dataset (100k
 * assets) and the garbage of earlier scenarios; its garbage collections landed in the timings of the
 * millisecond-scale requests (/metrics p95 4.3 ms in the full run against 2.3 ms with nothing before it). A worker
 * has its own small heap, so only the server and the socket are measured.
 */
export function probe(job: ProbeJob): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'probe-worker.js'), { workerData: job });
    worker.once('message', (message: { timings?: number[]; error?: string }) => {
      void worker.terminate();
      if (message.error) reject(new Error(message.error));
      else resolve(message.timings!);
    });
    worker.once('error', reject);
  });
}

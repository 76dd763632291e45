import { parentPort, workerData } from 'node:worker_threads';
import { request } from './http-client';

/** What bench/probe.ts asks of this thread. */
export interface ProbeJob {
  baseUrl: string;
  path: string;
  /** Timed requests. */
  count: number;
  headers: Record<string, string>;
  /** Every timed answer must be 200 and hold these bytes, so an error page cannot look fast. */
  mustContain: string;
  /** Untimed requests first, for this thread's own JIT. */
  warmup: number;
}

async function probe(job: ProbeJob): Promise<number[]> {
  const timings: number[] = [];
  for (let i = 0; i < job.warmup + job.count; i++) {
    const started = performance.now();
    const res = await request(job.baseUrl, 'GET', job.path, job.headers);
    if (i >= job.warmup) timings.push(performance.now() - started);
    if (res.status !== 200 || !res.body.includes(job.mustContain)) throw new Error(`GET ${job.path} answered ${res.status}: ${res.body.subarray(0, 200).toString()}`);
  }
  return timings;
}

probe(workerData as ProbeJob).then(
  (timings) => parentPort!.postMessage({ timings }),
  (error: Error) => parentPort!.postMessage({ error: error.message }),
);

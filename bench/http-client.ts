import * as http from 'node:http';

export interface BenchResponse {
  status: number;
  body: Buffer;
}

/*
 * The bench times requests with node:http over one kept-alive socket, as wrk or autocannon would, not with
 * fetch: undici's fetch spends about 0.6 ms of the bench process's own CPU per request (p95 3.4 ms against
 * 1.4 ms for the same /metrics answer, measured 2026-11-27), which is the client's cost, not the server's.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One request, the body read in full. `body` is sent as JSON. */
export function request(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<BenchResponse> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const allHeaders = payload ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : headers;
  return new Promise((resolve, reject) => {
    const req = http.request(baseUrl + path, { method, agent, headers: allHeaders }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

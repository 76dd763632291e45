import * as http from 'node:http';
import * as https from 'node:https';
import { ConnectorError } from './connector';

export interface RemoteRequest {
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  insecure: boolean;
  /** PEM certificate(s) trusted instead of the system CAs (a private cluster CA); ignored when `insecure`. */
  ca?: string;
  /** Reuse connections across calls (the vCenter session makes several). */
  agent?: http.Agent;
}

export interface RemoteResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Remote answers are read whole; anything bigger than this is refused instead of exhausting memory. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** A network failure as one short sentence a user can act on (no stack, no secrets: the URL has none). */
export function describeNetworkError(error: unknown, request: Pick<RemoteRequest, 'url' | 'timeoutMs'>): string {
  const e = error as { code?: string; name?: string; message?: string };
  const where = `${request.url.hostname}:${request.url.port || (request.url.protocol === 'https:' ? 443 : 80)}`;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'ABORT_ERR') return `timed out after ${request.timeoutMs / 1000} s (${where})`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `connection refused (${where})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found (${request.url.hostname})`;
    case 'ECONNRESET':
      return `connection reset by ${where}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${where})`;
    case 'ETIMEDOUT':
      return `connection timed out (${where})`;
  }
  if (e.code && TLS_CODES.has(e.code)) return `TLS error: ${e.message} (verify the certificate or use the insecure option)`;
  return e.message || String(error);
}

/** Thrown for network-level failures; `message` is already user-facing. */
export class RemoteCallError extends Error {}

/**
 * One HTTP(S) request with a timeout over the whole exchange and TLS verification unless `insecure`.
 * Node's http/https modules rather than fetch: fetch cannot switch off verification per request without undici.
 */
export function remoteRequest(req: RemoteRequest): Promise<RemoteResponse> {
  const lib = req.url.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(req.timeoutMs);
  return new Promise<RemoteResponse>((resolve, reject) => {
    const fail = (error: unknown) => reject(new RemoteCallError(describeNetworkError(error, req)));
    const options: https.RequestOptions = {
      method: req.method ?? 'GET',
      headers: { ...(req.headers ?? {}), ...(req.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {}) },
      signal,
      agent: req.agent,
    };
    if (lib === https && !req.agent) {
      options.rejectUnauthorized = !req.insecure;
      if (req.ca && !req.insecure) options.ca = req.ca;
    }
    const request = lib.request(req.url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          request.destroy(new Error(`response larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    request.on('error', fail);
    if (req.body !== undefined) request.write(req.body);
    request.end();
  });
}

/** An agent for a series of calls to one server: keep-alive, and the run's TLS choice. */
export function remoteAgent(url: URL, insecure: boolean): http.Agent {
  return url.protocol === 'https:' ? new https.Agent({ keepAlive: true, rejectUnauthorized: !insecure }) : new http.Agent({ keepAlive: true });
}

/** Shortens a remote error body for a message: one line, bounded. */
export function bodyExcerpt(body: string, max = 500): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** How a connector words the two remote failures every HTTP connector has (connectors.md §0.8). */
export interface RemoteFailureMessages {
  /** Network-level failure: `Failed to call <X> API: <reason>`. */
  callFailed: (reason: string) => string;
  /** Answer outside 2xx: `<X> … failed with HTTP <code>: <body>`. */
  httpFailed: (status: number, body: string) => string;
}

/** One request whose failures become the connector's hard failures; the body of a 2xx answer otherwise. */
export async function remoteBody(req: RemoteRequest, messages: RemoteFailureMessages): Promise<string> {
  let response: RemoteResponse;
  try {
    response = await remoteRequest(req);
  } catch (error) {
    if (error instanceof RemoteCallError) throw new ConnectorError(messages.callFailed(error.message));
    throw error;
  }
  if (response.status < 200 || response.status >= 300) throw new ConnectorError(messages.httpFailed(response.status, bodyExcerpt(response.body)));
  return response.body;
}

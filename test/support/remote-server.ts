import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** A request the fake remote system received, body read whole. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RemoteServer {
  /** `http(s)://127.0.0.1:<port>` without a trailing slash. */
  url: string;
  requests: ReceivedRequest[];
  /** PEM of the self-signed certificate (TLS servers), for CA options. */
  certificate?: string;
  close(): Promise<void>;
}

export type RemoteHandler = (req: ReceivedRequest, res: http.ServerResponse) => void | Promise<void>;

let selfSigned: { key: string; cert: string } | undefined;

/** A throwaway self-signed certificate for 127.0.0.1 and localhost, made once per test process with openssl. */
export function selfSignedCertificate(): { key: string; cert: string } {
  if (selfSigned) return selfSigned;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  selfSigned = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return selfSigned;
}

/** Answers JSON with a status (helper for handlers). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Starts a fake remote system (Kubernetes, Elasticsearch, Ceph…) on 127.0.0.1, plain HTTP or HTTPS with a
 * self-signed certificate; every request is recorded for assertions on paths and headers.
 */
export async function startRemoteServer(handler: RemoteHandler, options: { tls?: boolean } = {}): Promise<RemoteServer> {
  const requests: ReceivedRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      Promise.resolve(handler(received, res)).catch((error: Error) => {
        if (!res.headersSent) sendJson(res, 500, { error: error.message });
      });
    });
  };
  const tls = options.tls ? selfSignedCertificate() : undefined;
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    certificate: tls?.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

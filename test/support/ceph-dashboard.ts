import { RemoteServer, sendJson, startRemoteServer } from './remote-server';

/** connectors.md §5.7: the real Dashboard's answers. */
export const CEPH_AUTH_ANSWER = {
  token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1c2VybmFtZSI6ImFkbWluIn0.c2lnbmF0dXJl',
  username: 'admin',
  permissions: { hosts: ['read'] },
  pwdExpirationDate: null,
  sso: false,
  pwdUpdateRequired: false,
};

export const CEPH_HOSTS_ANSWER = [
  {
    hostname: 'ceph-node-01',
    addr: '10.40.0.11',
    labels: ['_admin', 'mon', 'mgr'],
    status: '',
    service_type: '',
    services: [
      { type: 'mon', id: 'ceph-node-01' },
      { type: 'mgr', id: 'ceph-node-01.xkqz' },
    ],
    sources: { ceph: true, orchestrator: true },
    ceph_version: 'ceph version 18.2.2 reef (stable)',
  },
  { hostname: 'ceph-node-02', addr: '10.40.0.12', labels: ['osd'], status: '', services: [{ type: 'osd', id: '0' }, { type: 'osd', id: '1' }], sources: { ceph: true, orchestrator: true } },
  { hostname: 'ceph-node-03', addr: 'ceph-node-03.storage.example', labels: ['osd'], status: 'maintenance', services: [], sources: { ceph: false, orchestrator: true } },
];

export interface CephDashboardOptions {
  username: string;
  password: string;
  tls?: boolean;
  /** The `/api/host` payload, read at each request so a test can change it between runs. */
  hosts: () => unknown;
  /** Replaces the login answer (e.g. one without a token). */
  authAnswer?: () => unknown;
}

/**
 * A stand-in for the Ceph Dashboard REST API on 127.0.0.1: `POST /api/auth` checks the credentials like the
 * Dashboard (401 JSON otherwise) and `GET /api/host` wants the issued bearer token.
 */
export function startCephDashboard(options: CephDashboardOptions): Promise<RemoteServer> {
  return startRemoteServer(
    (req, res) => {
      if (req.method === 'POST' && req.url === '/api/auth') {
        let body: { username?: unknown; password?: unknown } = {};
        try {
          body = JSON.parse(req.body);
        } catch {
          sendJson(res, 400, { detail: 'Invalid JSON', code: 'invalid_json' });
          return;
        }
        if (body.username !== options.username || body.password !== options.password) {
          sendJson(res, 401, { detail: 'Invalid credentials', code: 'invalid_credentials', component: 'auth' });
          return;
        }
        sendJson(res, 201, options.authAnswer ? options.authAnswer() : CEPH_AUTH_ANSWER);
        return;
      }
      if (req.method === 'GET' && req.url === '/api/host') {
        if (req.headers.authorization !== `Bearer ${CEPH_AUTH_ANSWER.token}`) {
          sendJson(res, 401, { detail: 'You are not authorized to access this resource', code: 'not_authenticated' });
          return;
        }
        sendJson(res, 200, options.hosts());
        return;
      }
      sendJson(res, 404, { detail: 'Not found' });
    },
    { tls: options.tls },
  );
}

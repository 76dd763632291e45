import type request from 'supertest';
import { Role } from '../../src/common/actor';
import { SessionCookie } from '../../src/auth/session-cookie';
import { SessionsService } from '../../src/users/sessions.service';
import { bearer, TEST_PASSWORD, TestApp } from '../support/test-app';
import { changedTables, Snapshot, snapshotDatabase } from './db-snapshot';
import { Tally } from './tally';

/** Records made before the fuzzing starts, so path ids and foreign keys can point at real rows. */
export interface Seeds {
  adminId: number;
  userId: number;
  projectId: number;
  projectName: string;
  vendorId: number;
  vendorName: string;
  tagId: number;
  hostId: number;
  hostName: string;
  assetId: number;
  ip: string;
  ip6: string;
  rangeId: number;
  /** Highest id per table right after seeding: rows above it were made by the fuzzing and may be pruned. */
  watermarks: Record<string, number>;
}

const SESSION_ENDING = /logout|password/;

const PRUNED_TABLES = ['ip_assets', 'ip_ranges', 'hosts', 'projects', 'vendors', 'tags', 'users'];

/** Creates one of everything through the API, as an Admin whose password is TEST_PASSWORD. */
export async function seedInventory(t: TestApp): Promise<Seeds> {
  const admin = await t.users.create(null, { username: 'hostile-admin', password: TEST_PASSWORD, role: Role.Admin, is_active: true });
  const user = await t.users.create(null, { username: 'hostile-viewer', password: TEST_PASSWORD, role: Role.Viewer, is_active: true });
  const token = (await t.http.post('/login').send({ username: 'hostile-admin', password: TEST_PASSWORD }).expect(200)).body.access_token as string;
  const post = async (path: string, body: object) => (await t.http.post(path).set(bearer(token)).send(body).expect(200)).body as Record<string, unknown>;
  const project = await post('/projects', { name: 'seed-project' });
  const vendor = await post('/vendors', { name: 'seed-vendor' });
  const tag = await post('/tags', { name: 'seed-tag' });
  const host = await post('/hosts', { name: 'seed-host', vendor_id: vendor.id });
  const asset = await post('/ip-assets', { ip_address: '10.0.0.1', type: 'VM', project_id: project.id, host_id: host.id, tags: ['seed-tag'], notes: 'seed' });
  await post('/ip-assets', { ip_address: '2001:db8::1', type: 'OS' });
  const range = await post('/ranges', { name: 'seed-range', cidr: '10.0.0.0/24' });
  const watermarks: Record<string, number> = {};
  for (const table of PRUNED_TABLES) {
    const rows = (await t.db.reader.query(`SELECT MAX(id) AS n FROM ${table}`)) as { n: number | string | null }[];
    watermarks[table] = Number(rows[0].n ?? 0);
  }
  return {
    watermarks,
    adminId: admin.id,
    userId: user.id,
    projectId: project.id as number,
    projectName: 'seed-project',
    vendorId: vendor.id as number,
    vendorName: 'seed-vendor',
    tagId: tag.id as number,
    hostId: host.id as number,
    hostName: 'seed-host',
    assetId: asset.id as number,
    ip: '10.0.0.1',
    ip6: '2001:db8::1',
    rangeId: range.id as number,
  };
}

/** Fills a path parameter with the id (or address) of a seeded row of the right kind. */
export function realPath(path: string, seeds: Seeds): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (/^(ip|address)$/i.test(name)) return seeds.ip;
    if (name === 'name') return 'prometheus';
    if (name === 'file') return 'ip-assets.csv';
    if (name === 'assetId') return String(seeds.assetId);
    const kind = /\/(users|projects|vendors|tags|hosts|ranges|ip-assets|jobs)\/:/.exec(path)?.[1];
    const ids: Record<string, number> = {
      users: seeds.userId,
      projects: seeds.projectId,
      vendors: seeds.vendorId,
      tags: seeds.tagId,
      hosts: seeds.hostId,
      ranges: seeds.rangeId,
      'ip-assets': seeds.assetId,
      jobs: 999999,
    };
    return String(ids[kind ?? ''] ?? 999999);
  });
}

/**
 * A valid value for a field of that name, unique per call where the domain wants unique values, so that one
 * hostile field at a time gets past the others and reaches the deepest check. `form` selects the spelling a
 * browser posts (strings only).
 */
export function validValue(fieldName: string, n: number, seeds: Seeds, form: boolean): unknown {
  const list = (value: string) => (form ? value : [value]);
  switch (fieldName) {
    case 'name':
      return `hb-${n}`;
    case 'username':
      return `hb-user-${n}`;
    case 'password':
      return 'base-password-1';
    case 'current_password':
      return TEST_PASSWORD;
    case 'new_password':
    case 'confirm_new_password':
      return 'base-password-2';
    case 'role':
      return 'Viewer';
    case 'is_active':
    case 'can_edit':
      return form ? 'on' : true;
    case 'insecure':
      return form ? '' : false;
    case 'ip_address':
      return `10.77.${(n >> 8) & 255}.${n & 255}`;
    case 'ip_addresses':
      return [seeds.ip];
    case 'ids':
    case 'asset_ids':
      return form ? String(seeds.assetId) : [seeds.assetId];
    case 'cidr':
      return `172.${16 + ((n >> 8) & 15)}.${n & 255}.0/24`;
    case 'type':
    case 'asset_type':
      return 'VM';
    case 'notes':
    case 'description':
      return 'base notes';
    case 'color':
      return '#123456';
    case 'project_id':
      return form ? String(seeds.projectId) : seeds.projectId;
    case 'vendor_id':
      return form ? String(seeds.vendorId) : seeds.vendorId;
    case 'host_id':
      return form ? String(seeds.hostId) : seeds.hostId;
    case 'vendor':
      return seeds.vendorName;
    case 'project_name':
      return seeds.projectName;
    case 'tags':
    case 'add_tags':
    case 'remove_tags':
      return list('seed-tag');
    case 'notes_action':
    case 'notes_mode':
      return 'keep';
    case 'count':
      return form ? '1' : 1;
    case 'mode':
      return 'dry-run';
    case 'prometheus_url':
      return 'http://127.0.0.1:9';
    case 'server':
      return '127.0.0.1';
    case 'port':
      return form ? '9' : 9;
    case 'query':
      return 'up';
    case 'ip_label':
      return 'instance';
    // An invalid timeout keeps connector runs from starting: the suite must not reach any network.
    case 'timeout':
      return form ? '0' : 0;
    case 'return_to':
      return '/ui/management';
    default:
      return '';
  }
}

/**
 * Sends hostile requests and judges the answers: never a 5xx; a refusal carries a JSON `detail` (API) or
 * an HTML page (UI); and a refused request leaves every watched table exactly as it was.
 */
export class Harness {
  readonly problems: string[] = [];
  readonly tally: Tally;
  private baseline: Snapshot | null = null;
  private csrf: { nonce: string; token: string } | null = null;

  constructor(
    readonly t: TestApp,
    readonly seeds: Seeds,
    title: string,
  ) {
    this.tally = new Tally(title);
  }

  private token: string | null = null;

  /**
   * An Admin session, shared by the requests; routes that may end the session they run in (logout, password
   * change) get a fresh one, so the next request still runs logged in.
   */
  async adminToken(path = ''): Promise<string> {
    if (!this.token || SESSION_ENDING.test(path)) this.token = await this.t.db.transaction((em) => this.t.app.get(SessionsService).create(em, this.seeds.adminId));
    return this.token;
  }

  async apiHeaders(path = ''): Promise<Record<string, string>> {
    return bearer(await this.adminToken(path));
  }

  /** The signed session cookie plus the CSRF pair, as a logged-in browser sends them. */
  async uiHeaders(path = ''): Promise<Record<string, string>> {
    if (!this.csrf) {
      const page = await this.t.http.get('/ui/login').expect(200);
      const cookies = (page.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
      const nonce = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('ipocket_csrf=')) ?? '';
      this.csrf = { nonce, token: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '' };
    }
    const session = `ipocket_session=${this.t.app.get(SessionCookie).sign(await this.adminToken(path))}`;
    return { Cookie: `${this.csrf.nonce}; ${session}`, 'X-CSRF-Token': this.csrf.token, Accept: 'text/html' };
  }

  get csrfToken(): string {
    return this.csrf?.token ?? '';
  }

  /**
   * Deletes what accepted fuzz requests created (and all audit rows and jobs), so the snapshot taken around
   * every request stays a read of a few dozen rows instead of growing with the run.
   */
  async prune(): Promise<void> {
    await this.t.db.transaction(async (em) => {
      await em.query('DELETE FROM audit_logs');
      await em.query('DELETE FROM connector_jobs');
      for (const table of PRUNED_TABLES) await em.query(`DELETE FROM ${table} WHERE id > ${this.seeds.watermarks[table]}`);
    });
    this.baseline = null;
  }

  /** Re-reads the database; call after legitimate changes made outside `send`. */
  async rebase(): Promise<void> {
    this.baseline = await snapshotDatabase(this.t);
  }

  /**
   * One request, judged; `mustNotWrite` names answers that must leave the database alone even though they
   * are not refusals (a dry run, an import that reported errors). Returns the response, or null when the request could not be sent at all (the
   * server dropped the connection, which counts as a failure too).
   */
  async send(label: string, category: string, ui: boolean, make: () => PromiseLike<request.Response>, mustNotWrite: (res: request.Response) => boolean = () => false): Promise<request.Response | null> {
    if (!this.baseline) await this.rebase();
    let res: request.Response | null = null;
    try {
      res = await make();
    } catch (error) {
      this.problems.push(`${label}: request failed (${(error as Error).message})`);
      this.tally.record(category, 599);
      return null;
    }
    this.tally.record(category, res.status);
    this.judge(label, ui, res);
    const after = await snapshotDatabase(this.t);
    if (res.status >= 400 || mustNotWrite(res)) {
      const changed = changedTables(this.baseline!, after);
      if (changed.length) this.problems.push(`${label}: ${res.status >= 400 ? 'refused' : 'answered'} with ${res.status} but changed ${changed.join(', ')}`);
    }
    this.baseline = after;
    return res;
  }

  /**
   * Requests that must not write at all (reads, and writes aimed at ids that cannot exist), sent a few at a
   * time with one snapshot before and after the batch.
   */
  async sendReadOnly(items: { label: string; category: string; ui: boolean; make: () => PromiseLike<request.Response> }[], parallel = 8): Promise<void> {
    const before = await snapshotDatabase(this.t);
    for (let i = 0; i < items.length; i += parallel) {
      await Promise.all(
        items.slice(i, i + parallel).map(async (item) => {
          try {
            const res = await item.make();
            this.tally.record(item.category, res.status);
            this.judge(item.label, item.ui, res);
            if (res.status < 400 && !['GET', 'HEAD'].some((m) => item.label.startsWith(m))) this.problems.push(`${item.label}: accepted with ${res.status}`);
          } catch (error) {
            this.tally.record(item.category, 599);
            this.problems.push(`${item.label}: request failed (${(error as Error).message})`);
          }
        }),
      );
    }
    const changed = changedTables(before, await snapshotDatabase(this.t));
    if (changed.length) this.problems.push(`${items[0]?.label ?? 'batch'} …: a read-only batch changed ${changed.join(', ')}`);
    this.baseline = null;
  }

  private judge(label: string, ui: boolean, res: request.Response): void {
    const where = `${label}: ${res.status} ${String(res.text ?? '').slice(0, 160)}`;
    if (res.status >= 500) {
      this.problems.push(where);
      return;
    }
    if (res.status < 400) return;
    const toLogin = res.status === 303 && String(res.headers.location).startsWith('/ui/login');
    if ((res.status === 401 || toLogin) && !/\blog(in|out)\b/.test(label)) {
      // The session was lost: every later answer would be a login refusal and prove nothing.
      this.token = null;
      this.problems.push(`${where} (the Admin session stopped working)`);
      return;
    }
    if (ui) {
      // UI pages answer refusals with an HTML page; the drawer's script calls (auto-host) answer {"error": …}.
      // A body over the form limit is refused by the body parser before any UI code runs, as JSON with a
      // detail: tolerated here and reported (the shared exception filter decides that page).
      const type = String(res.headers['content-type']);
      const html = /text\/html/.test(type);
      const scriptCall = /application\/json/.test(type) && typeof res.body?.error === 'string';
      const bodyParser = /application\/json/.test(type) && res.status === 413 && typeof res.body?.detail === 'string';
      if (!html && !scriptCall && !bodyParser) this.problems.push(`${where} (UI refusal is not an HTML page)`);
    } else if (!/application\/json/.test(String(res.headers['content-type'])) || res.body?.detail === undefined) {
      this.problems.push(`${where} (API refusal without a JSON detail)`);
    }
  }
}

/** Printable label for a hostile value (no megabytes in failure messages). */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
}

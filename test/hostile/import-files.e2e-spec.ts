import type request from 'supertest';
import { TestApp } from '../support/test-app';
import { describeRoute, RegisteredRoute, registeredRoutes } from '../support/platform-routes';
import { Harness, seedInventory } from './harness';
import { bundleFiles, commonFiles, csvFiles, HostileFile, ImportKind, nmapFiles } from './hostile-files';
import { OpenApiDocument, routeShape } from './openapi-shapes';
import { discoverFormFields } from './ui-forms';

/** Small enough that an over-limit upload is cheap to send, big enough for the 900 KB single-line file. */
const MAX_BYTES = 1024 * 1024;

const kindOf = (path: string): ImportKind | null => (/csv/.test(path) ? 'csv' : /bundle/.test(path) ? 'bundle' : /nmap/.test(path) ? 'nmap' : null);

jest.setTimeout(600_000);

/**
 * Hostile files at every upload endpoint (API and UI), in dry-run and apply mode. Besides "never a 5xx":
 * a dry run never writes, an import that reports errors writes nothing, and no file content from the
 * server's disk ever comes back.
 */
describe('hostile files at every import endpoint', () => {
  let t: TestApp;
  let h: Harness;
  let uploads: { route: RegisteredRoute; ui: boolean; fields: string[]; kind: ImportKind }[];
  const files: Record<ImportKind, HostileFile[]> = { csv: [], bundle: [], nmap: [] };

  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_IMPORT_MAX_BYTES: String(MAX_BYTES) });
    h = new Harness(t, await seedInventory(t), 'import files');
    const doc = (await t.http.get('/openapi.json').expect(200)).body as OpenApiDocument;
    const routes = registeredRoutes(t.app);
    const uiFields = await discoverFormFields(h, routes.filter((r) => r.path.startsWith('/ui')));
    uploads = [];
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const kind = kindOf(route.path);
      if (!kind || !route.path.includes('import')) continue;
      const ui = route.path.startsWith('/ui');
      const fields = ui ? (uiFields.get(route) ?? []).filter((f) => f.endsWith('_file')) : routeShape(doc, 'POST', route.path).files;
      uploads.push({ route, ui, fields, kind });
    }
    const common = await commonFiles();
    files.csv = [...common, ...csvFiles()];
    files.bundle = [...common, ...bundleFiles()];
    files.nmap = [...common, ...nmapFiles()];
  });
  afterAll(async () => {
    h?.tally.print();
    await t?.close();
  });

  it('finds the upload endpoints and their file fields', () => {
    expect(uploads.map((u) => `${describeRoute(u.route)} ${u.fields.join(',')}`).sort()).toEqual([
      'POST /import/bundle file',
      'POST /import/csv hosts,ip_assets',
      'POST /import/nmap file',
      'POST /ui/import/bundle bundle_file',
      'POST /ui/import/csv hosts_file,ip_assets_file',
      'POST /ui/import/nmap nmap_file',
    ]);
  });

  async function upload(u: (typeof uploads)[number], field: string, file: HostileFile, dryRun: boolean, filename = 'upload.dat'): Promise<request.Response | null> {
    const url = u.ui ? u.route.path : `${u.route.path}${dryRun ? '?dry_run=true' : ''}`;
    const label = `${describeRoute(u.route)} ${field}=${file.label} (${dryRun ? 'dry run' : 'apply'})`;
    // A dry run must never write; an apply that reports errors must not have written either.
    const mustNotWrite = (res: request.Response) => dryRun || (Array.isArray(res.body?.errors) && res.body.errors.length > 0);
    const res = await h.send(
      label,
      file.category,
      u.ui,
      async () => {
        let req = t.http.post(url).set(u.ui ? await h.uiHeaders(url) : await h.apiHeaders(url));
        if (u.ui) req = req.field('_csrf', h.csrfToken).field('mode', dryRun ? 'dry-run' : 'apply');
        return req.attach(field, file.bytes, filename);
      },
      mustNotWrite,
    );
    if (res && /root:x:0:0|\[boot loader\]/.test(res.text ?? '')) h.problems.push(`${label}: the answer contains a file from the server's disk`);
    return res;
  }

  it('survives every hostile file in every field, in dry-run and apply mode', async () => {
    for (const u of uploads) {
      for (const field of u.fields) {
        for (const file of files[u.kind]) {
          for (const dryRun of [true, false]) await upload(u, field, file, dryRun);
        }
      }
      await h.prune();
    }
    expect(h.problems).toEqual([]);
  });

  it('refuses files over the size limit with 413 and hostile file names without using them', async () => {
    const over: HostileFile = { category: 'too-large', label: `${MAX_BYTES + 1} bytes`, bytes: Buffer.alloc(MAX_BYTES + 1, 0x61) };
    const small: HostileFile = { category: 'path', label: 'a traversal file name', bytes: Buffer.from('x') };
    for (const u of uploads) {
      const res = await upload(u, u.fields[0], over, true);
      expect([describeRoute(u.route), res?.status]).toEqual([describeRoute(u.route), 413]);
      for (const name of ['../../../../etc/passwd', '..\\..\\boot.ini', '<script>alert(1)</script>.csv', 'a\u0000b.csv']) await upload(u, u.fields[0], small, true, name);
      // Unknown file fields are refused or ignored, never stored.
      await upload(u, 'unexpected_field', small, false);
    }
    expect(h.problems).toEqual([]);
  });
});

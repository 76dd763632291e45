import { TestApp } from '../support/test-app';
import { describeRoute, openApiPath, RegisteredRoute, registeredRoutes } from '../support/platform-routes';

interface Operation {
  responses?: Record<string, unknown>;
  security?: unknown[];
}
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

/** Every `$ref` string anywhere in a JSON value. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe('OpenAPI document and Swagger UI', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    t = await TestApp.start();
    routes = registeredRoutes(t.app).filter((r) => !r.undocumented);
    const res = await t.http.get('/openapi.json').expect(200).expect('Content-Type', /json/);
    doc = res.body;
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3 document whose operations all declare responses and whose references resolve', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'ipocket', version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\//);
      expect(Object.keys(item).length).toBeGreaterThan(0);
      for (const [method, op] of Object.entries(item)) {
        expect([method, Object.keys(op.responses ?? {}).length > 0]).toEqual([method, true]);
      }
    }
    const schemas = doc.components?.schemas ?? {};
    const dangling = refsIn(doc).filter((ref) => !(ref.startsWith('#/components/schemas/') && ref.slice('#/components/schemas/'.length) in schemas));
    expect(dangling).toEqual([]);
  });

  it('lists every documented route of the app with its method', () => {
    expect(routes.map(describeRoute)).toEqual(expect.arrayContaining(['GET /health', 'POST /login', 'GET /users', 'GET /audit-log']));
    const missing = routes.filter((r) => !doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()]).map(describeRoute);
    expect(missing).toEqual([]);
  });

  it('documents who may call each route: bearer security plus 401 (and 403 for role routes)', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      if (!op || route.rule.kind === 'public') continue;
      if (!op.security?.length) problems.push(`${describeRoute(route)}: no security requirement`);
      if (!op.responses?.['401']) problems.push(`${describeRoute(route)}: no 401 response`);
      if (route.rule.kind === 'role' && route.rule.role !== 'Viewer' && !op.responses?.['403']) problems.push(`${describeRoute(route)}: no 403 response`);
    }
    expect(problems).toEqual([]);
  });

  it('describes request bodies with their DTO schema', () => {
    const createUser = doc.paths['/users'].post as Operation & { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } };
    const ref = createUser.requestBody?.content['application/json'].schema.$ref ?? '';
    const schema = doc.components!.schemas![ref.split('/').pop()!] as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['username', 'password', 'role']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['username', 'password', 'role', 'is_active']));
  });

  it('serves Swagger UI at /docs from local files only (no CDN)', async () => {
    // Asset URLs are relative to the page address `/docs`.
    const page = await t.http.get('/docs').expect(200).expect('Content-Type', /html/);
    const assets = [...page.text.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((a) => /^(https?:)?\/\//i.test(a))).toEqual([]);
    for (const asset of assets) {
      const url = new URL(asset, 'http://local/docs').pathname;
      const res = await t.http.get(url);
      expect([url, res.status]).toEqual([url, 200]);
      if (url.endsWith('.js')) expect(res.text).not.toMatch(/<script[^>]+src=["']https?:/);
    }
  });
});

import { TestApp } from '../support/test-app';
import { describeRoute, RegisteredRoute, registeredRoutes } from '../support/platform-routes';
import { deepArray, deepJson, jsonCorpus, MEGABYTE_STRING, pathCorpus, sampleCorpus, stringCorpus, urlPart } from './corpus';
import { Harness, realPath, seedInventory, show, validValue } from './harness';
import { OpenApiDocument, routeShape } from './openapi-shapes';

/** UI routes have their own spec (ui-forms); Swagger's files are static. */
const isApiRoute = (r: RegisteredRoute) => !(r.path === '/' || r.path.startsWith('/ui') || r.path.startsWith('/static/'));
const WRITE = ['POST', 'PATCH', 'PUT', 'DELETE'];

/** Fields whose free text reaches SQL, pages and exports: they get the whole corpus, the others a sample. */
const TEXT_FIELDS = new Set(['name', 'notes', 'description', 'username', 'password', 'ip_address', 'cidr', 'color', 'vendor', 'query', 'prometheus_url', 'server']);

/** Fields that get every value of these categories, not just the sample (free text gets script and SQL). */
const DEEP_CATEGORIES: Record<string, string[]> = { ip_address: ['ip', 'cidr'], ip_addresses: ['ip'], cidr: ['cidr', 'ip'], name: ['script', 'sql', 'unicode'] };

jest.setTimeout(600_000);

describe('hostile input on every API route', () => {
  let t: TestApp;
  let h: Harness;
  let routes: RegisteredRoute[];
  let doc: OpenApiDocument;
  let counter = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    const seeds = await seedInventory(t);
    h = new Harness(t, seeds, 'API routes');
    routes = registeredRoutes(t.app).filter(isApiRoute);
    doc = (await t.http.get('/openapi.json').expect(200)).body as OpenApiDocument;
  });
  afterAll(async () => {
    h?.tally.print();
    await t?.close();
  });

  const call = (method: string, url: string) => t.http[method.toLowerCase() as 'get'](url);

  it('knows the shape of every API route from the OpenAPI document', () => {
    const undocumented = routes.filter((r) => !routeShape(doc, r.method, r.path).documented).map(describeRoute);
    expect(routes.length).toBeGreaterThan(40);
    // /metrics and /static are outside the document on purpose; everything else must be described.
    expect(undocumented.filter((r) => !/\/metrics$/.test(r))).toEqual([]);
  });

  it('refuses hostile path parameters with a 4xx and a detail, writing nothing', async () => {
    const items = [];
    for (const route of routes.filter((r) => r.path.includes(':'))) {
      for (const param of route.path.match(/:\w+/g)!) {
        const kind = /ip|address/i.test(param) ? 'address' : param === ':id' || /Id$/.test(param) ? 'id' : 'name';
        for (const { category, value } of pathCorpus(kind)) {
          const url = realPath(route.path.replace(param, urlPart(String(value))), h.seeds);
          const label = `${describeRoute(route)} ${param}=${show(value)}`;
          items.push({ label, category, ui: false, make: async () => call(route.method, url).set(await h.apiHeaders(route.path)).send({}) });
        }
      }
    }
    await h.sendReadOnly(items);
    expect(h.problems).toEqual([]);
  });

  it('answers hostile query parameters with a 4xx and a detail (or an honest 200), writing nothing', async () => {
    const items = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      // Declared parameters, plus one undeclared name: unknown parameters must be ignored, not crash.
      const names = new Set([...routeShape(doc, route.method, route.path).query, 'q']);
      for (const name of names) {
        const values = [...sampleCorpus(), { category: 'json-type' as const, value: undefined }];
        for (const { category, value } of values) {
          // `undefined` stands for the array and object spellings of the parameter (`x[]=1`, `x[a]=b`).
          const queries = value === undefined ? [`${name}[]=1&${name}[]=2`, `${name}[a]=b`, `${name}=1&${name}=2`] : [`${name}=${urlPart(String(value))}`];
          for (const query of queries) {
            const url = `${realPath(route.path, h.seeds)}?${query}`;
            items.push({ label: `${describeRoute(route)} ?${show(query)}`, category, ui: false, make: async () => call('GET', url).set(await h.apiHeaders()) });
          }
        }
      }
    }
    await h.sendReadOnly(items);
    expect(h.problems).toEqual([]);
  });

  it('refuses hostile values in every JSON body field, and a refusal writes nothing', async () => {
    for (const route of routes.filter((r) => WRITE.includes(r.method))) {
      const shape = routeShape(doc, route.method, route.path);
      if (!shape.body) continue;
      const url = realPath(route.path, h.seeds);
      for (const field of Object.keys(shape.body)) {
        const deep = DEEP_CATEGORIES[field] ?? (TEXT_FIELDS.has(field) ? ['script', 'sql'] : []);
        // Routes that hash a password (bcrypt) for every accepted value get a shorter sample, to bound the run time.
        const sample = /users|login|password/.test(route.path) ? sampleCorpus().slice(0, 10) : sampleCorpus();
        const values = [...sample, ...jsonCorpus(0).filter((v) => v.category === 'json-type' || deep.includes(v.category))];
        for (const { category, value } of values) {
          const body = baseline(shape.body);
          body[field] = value;
          await h.send(`${describeRoute(route)} ${field}=${show(value)}`, category, false, async () => call(route.method, url).set(await h.apiHeaders(route.path)).send(body));
        }
      }
      await h.prune();
    }
    expect(h.problems).toEqual([]);
  });

  it('refuses broken whole bodies: deep nesting, wrong types, wrong content types, 1 MB', async () => {
    const bodies: { category: string; label: string; type: string; body: string | Buffer }[] = [
      { category: 'deep-nesting', label: '10,000 nested objects', type: 'application/json', body: deepJson(10_000) },
      { category: 'deep-nesting', label: '10,000 nested arrays', type: 'application/json', body: deepArray(10_000) },
      { category: 'deep-nesting', label: 'a field holding 5,000 nested objects', type: 'application/json', body: `{"name":${deepJson(5_000)}}` },
      { category: 'json-type', label: 'an array', type: 'application/json', body: '[{"name":"x"}]' },
      { category: 'json-type', label: 'null', type: 'application/json', body: 'null' },
      { category: 'json-type', label: 'a string', type: 'application/json', body: '"x"' },
      { category: 'json-type', label: 'prototype pollution', type: 'application/json', body: '{"__proto__":{"role":"Admin"},"constructor":{"prototype":{"x":1}}}' },
      { category: 'json-type', label: 'duplicate keys', type: 'application/json', body: '{"name":"a","name":{"x":1}}' },
      { category: 'content-type', label: 'text/plain', type: 'text/plain', body: 'name=x' },
      { category: 'content-type', label: 'form where JSON is expected', type: 'application/x-www-form-urlencoded', body: 'name=%3Cscript%3E&name=2&x[y]=1' },
      { category: 'content-type', label: 'multipart where JSON is expected', type: 'multipart/form-data; boundary=XX', body: '--XX\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--XX--\r\n' },
      { category: 'content-type', label: 'broken multipart', type: 'multipart/form-data; boundary=XX', body: '--XX\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nx' },
      { category: 'content-type', label: 'JSON with a charset nobody supports', type: 'application/json; charset=ebcdic', body: '{"name":"x"}' },
      { category: 'content-type', label: 'UTF-16 JSON', type: 'application/json', body: Buffer.from('\ufeff{"name":"x"}', 'utf16le') },
      { category: 'nul-control', label: 'NUL bytes in JSON', type: 'application/json', body: Buffer.from('{"name":"a\u0000b"}\u0000') },
      { category: 'long', label: '1 MB string', type: 'application/json', body: JSON.stringify({ name: MEGABYTE_STRING, notes: 'x' }) },
    ];
    for (const route of routes.filter((r) => WRITE.includes(r.method))) {
      const url = realPath(route.path, h.seeds);
      for (const { category, label, type, body } of bodies) {
        await h.send(`${describeRoute(route)} with ${label}`, category, false, async () => call(route.method, url).set(await h.apiHeaders(route.path)).set('Content-Type', type).send(body));
      }
      await h.prune();
    }
    expect(h.problems).toEqual([]);
  });

  it('regression: refuses ids that only Number() would read (0x1, +1, " 1", 1e0) instead of acting on row 1', async () => {
    const auth = await h.apiHeaders();
    for (const id of ['0x1', '+1', '%201', '1%20', '1e0']) {
      const res = await t.http.delete(`/vendors/${id}`).set(auth).expect(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['path', 'id'] });
    }
    expect((await t.http.get(`/hosts/0x${h.seeds.hostId.toString(16)}`).set(auth).expect(422)).body.detail[0].type).toBe('int_parsing');
  });

  it('regression: refuses a body nested 10,000 levels deep with 422, not a stack overflow', async () => {
    const auth = await h.apiHeaders();
    for (const body of [deepJson(10_000), `{"name":${deepJson(5_000)}}`, deepArray(10_000)]) {
      const res = await t.http.post('/hosts').set(auth).set('Content-Type', 'application/json').send(body).expect(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['body'] });
    }
  });

  it('regression: refuses NUL characters in bodies and queries with 422 (PostgreSQL cannot store them)', async () => {
    const auth = await h.apiHeaders();
    const body = await t.http.post('/vendors').set(auth).send({ name: 'a\u0000b' }).expect(422);
    expect(body.body.detail[0]).toMatchObject({ type: 'string_nul', loc: ['body', 'name'] });
    const query = await t.http.get('/ip-assets?q=a%00b').set(auth).expect(422);
    expect(query.body.detail[0]).toMatchObject({ type: 'string_nul', loc: ['query', 'q'] });
    await h.rebase();
  });

  it('treats search text with LIKE metacharacters literally', async () => {
    const token = await h.adminToken();
    const auth = { Authorization: `Bearer ${token}` };
    for (const [ip, notes] of [['10.55.0.1', '100% sure'], ['10.55.0.2', 'snake_case'], ['10.55.0.3', 'back\\slash'], ['10.55.0.4', 'plain words']]) {
      await t.http.post('/ip-assets').set(auth).send({ ip_address: ip, type: 'VM', notes }).expect(200);
    }
    await t.http.post('/hosts').set(auth).send({ name: 'host_%_x' }).expect(200);
    await t.http.post('/hosts').set(auth).send({ name: 'hostAAx' }).expect(200);
    const assets = async (q: string) => ((await t.http.get(`/ip-assets?q=${encodeURIComponent(q)}`).set(auth).expect(200)).body as { ip_address: string }[]).map((a) => a.ip_address).sort();
    expect(await assets('%')).toEqual(['10.55.0.1']);
    expect(await assets('_')).toEqual(['10.55.0.2']);
    expect(await assets('\\')).toEqual(['10.55.0.3']);
    expect(await assets("' OR 1=1 --")).toEqual([]);
    const hosts = ((await t.http.get('/hosts?q=_%25_').set(auth).expect(200)).body as { name: string }[]).map((x) => x.name);
    expect(hosts).toEqual(['host_%_x']);
    await h.rebase();
  });

  /** A valid body for the route's fields, fresh names each time. */
  function baseline(fields: Record<string, string>): Record<string, unknown> {
    const n = ++counter;
    return Object.fromEntries(Object.keys(fields).map((name) => [name, validValue(name, n, h.seeds, false)]));
  }
});

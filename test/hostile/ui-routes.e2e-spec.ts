import { TestApp } from '../support/test-app';
import { describeRoute, RegisteredRoute, registeredRoutes } from '../support/platform-routes';
import { MEGABYTE_STRING, pathCorpus, sampleCorpus, stringCorpus, urlPart } from './corpus';
import { Harness, realPath, seedInventory, show, validValue } from './harness';
import { discoverFormFields, formText } from './ui-forms';

const isUiRoute = (r: RegisteredRoute) => r.path === '/' || r.path.startsWith('/ui');

/** Query names the UI pages read (filters, pagination, drawers), besides those their GET forms declare. */
const UI_QUERY_NAMES = ['q', 'page', 'per-page', 'tab', 'edit', 'delete', 'status', 'tag', 'project_id', 'type', 'return_to', 'job_id'];

/** Form fields that carry free text into pages and SQL: they get the script and SQL categories in full. */
const TEXT_FIELDS = new Set(['name', 'notes', 'description', 'username', 'q', 'ip_address', 'cidr', 'os_ips', 'bmc_ips', 'tags', 'confirm_name']);

/** Some forms answer a refusal with 303 back to the page and an error toast (ui.md): that must not write either. */
const refusedByRedirect = (res: { status: number; headers: Record<string, string> }) => res.status === 303 && /[?&][\w-]*error=/i.test(String(res.headers.location ?? ''));

jest.setTimeout(600_000);

describe('hostile input on every UI page and form', () => {
  let t: TestApp;
  let h: Harness;
  let routes: RegisteredRoute[];
  let fields: Map<RegisteredRoute, string[]>;
  let counter = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    h = new Harness(t, await seedInventory(t), 'UI pages and forms');
    routes = registeredRoutes(t.app).filter(isUiRoute);
    fields = await discoverFormFields(h, routes);
  });
  afterAll(async () => {
    h?.tally.print();
    await t?.close();
  });

  const post = async (path: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.http
      .post(path)
      .set({ ...(await h.uiHeaders(path)), ...headers })
      .type('form')
      .send(formText({ _csrf: h.csrfToken, ...body }));

  it('finds the fields of the forms by crawling the pages', () => {
    const posts = [...fields.keys()];
    expect(posts.length).toBeGreaterThan(30);
    const hostCreate = posts.find((r) => r.path === '/ui/hosts')!;
    expect(fields.get(hostCreate)).toEqual(expect.arrayContaining(['name', 'notes']));
  });

  it('answers hostile path ids on every page and form with an error page, writing nothing', async () => {
    const items = [];
    for (const route of routes.filter((r) => r.path.includes(':'))) {
      for (const param of route.path.match(/:\w+/g)!) {
        for (const { category, value } of pathCorpus(param === ':name' ? 'name' : 'id')) {
          const url = realPath(route.path.replace(param, urlPart(String(value))), h.seeds);
          const label = `${describeRoute(route)} ${param}=${show(value)}`;
          items.push({
            label,
            category,
            ui: true,
            make: async () => (route.method === 'GET' ? t.http.get(url).set(await h.uiHeaders()) : post(url, {})),
          });
        }
      }
    }
    await h.sendReadOnly(items);
    expect(h.problems).toEqual([]);
  });

  it('answers hostile query parameters on every page without a 5xx, writing nothing', async () => {
    const items = [];
    for (const route of routes.filter((r) => r.method === 'GET' && r.path !== '/ui/login')) {
      for (const name of UI_QUERY_NAMES) {
        for (const { category, value } of sampleCorpus().slice(0, 12)) {
          const url = `${realPath(route.path, h.seeds)}?${name}=${urlPart(String(value))}`;
          items.push({ label: `${describeRoute(route)} ?${name}=${show(value)}`, category, ui: true, make: async () => t.http.get(url).set(await h.uiHeaders()) });
        }
        const url = `${realPath(route.path, h.seeds)}?${name}[a]=1&${name}=1&${name}=2`;
        items.push({ label: `${describeRoute(route)} ?${name} as object and array`, category: 'json-type', ui: true, make: async () => t.http.get(url).set(await h.uiHeaders()) });
      }
    }
    await h.sendReadOnly(items);
    expect(h.problems).toEqual([]);
  });

  it('refuses hostile values in every form field with an error page, and a refusal writes nothing', async () => {
    for (const [route, names] of fields) {
      const url = realPath(route.path, h.seeds);
      for (const name of names) {
        const values = TEXT_FIELDS.has(name) ? [...sampleCorpus(), ...stringCorpus(0).filter((v) => v.category === 'script')] : sampleCorpus();
        for (const { category, value } of values) {
          const n = ++counter;
          const body: Record<string, unknown> = Object.fromEntries(names.map((f) => [f, validValue(f, n, h.seeds, true)]));
          body[name] = value;
          await h.send(`${describeRoute(route)} ${name}=${show(value)}`, category, true, () => post(url, body), refusedByRedirect);
        }
        // The same field twice and as a bracketed key: url-encoded parsing must not hand the app arrays it did not expect.
        const n = ++counter;
        const base = Object.fromEntries(names.map((f) => [f, validValue(f, n, h.seeds, true)]));
        await h.send(`${describeRoute(route)} ${name} repeated`, 'json-type', true, () => post(url, { ...base, [name]: ['a', 'b'] }));
      }
      await h.prune();
    }
    expect(h.problems).toEqual([]);
  });

  it('regression: a form posted as text/plain (no parser reads it) gets an error page, not a 500', async () => {
    for (const path of ['/ui/vendors', '/ui/hosts', '/ui/users', '/ui/ranges']) {
      const res = await t.http.post(path).set(await h.uiHeaders()).set('Content-Type', 'text/plain').send('name=x');
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.type).toBe('text/html');
    }
    await h.rebase();
  });

  it('refuses forms without a valid CSRF token, with wrong content types and with 1 MB fields', async () => {
    for (const [route, names] of fields) {
      const url = realPath(route.path, h.seeds);
      const n = ++counter;
      const valid = Object.fromEntries(names.map((f) => [f, validValue(f, n, h.seeds, true)]));
      const headers = await h.uiHeaders(url);
      const cases: { category: string; label: string; make: () => ReturnType<typeof post> }[] = [
        { category: 'csrf', label: 'no CSRF token', make: async () => t.http.post(url).set({ ...headers, 'X-CSRF-Token': '' }).type('form').send(formText(valid)) },
        { category: 'csrf', label: 'a forged CSRF token', make: async () => t.http.post(url).set({ ...headers, 'X-CSRF-Token': 'x'.repeat(43) }).type('form').send(formText({ ...valid, _csrf: 'x'.repeat(43) })) },
        { category: 'content-type', label: 'JSON where a form is expected', make: async () => t.http.post(url).set(headers).set('Content-Type', 'application/json').send(JSON.stringify({ ...valid, name: { a: [1] } })) },
        { category: 'content-type', label: 'text/plain', make: async () => t.http.post(url).set(headers).set('Content-Type', 'text/plain').send(formText(valid)) },
        { category: 'long', label: 'a 1 MB field', make: () => post(url, { ...valid, [names[0] ?? 'name']: MEGABYTE_STRING }) },
      ];
      for (const c of cases) {
        const res = await h.send(`${describeRoute(route)} with ${c.label}`, c.category, true, c.make);
        // Without the right token nothing may happen at all, not even a refusal that looks like a validation error.
        if (res && c.category === 'csrf' && !/\/ui\/log(in|out)$/.test(route.path) && res.status !== 403) h.problems.push(`${describeRoute(route)} with ${c.label}: ${res.status}, expected 403`);
      }
      await h.prune();
    }
    expect(h.problems).toEqual([]);
  });
});

import { TestApp } from '../support/test-app';

/** `/openapi.json` documents every connector of the catalogue, not just the first two. */
describe('connector runs in the OpenAPI document', () => {
  let t: TestApp;
  let doc: any;

  beforeAll(async () => {
    t = await TestApp.start();
    doc = (await t.http.get('/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  const OPTIONS = {
    vcenter: 'VcenterOptionsDto',
    prometheus: 'PrometheusOptionsDto',
    elasticsearch: 'ElasticsearchOptionsDto',
    cassandra: 'CassandraOptionsDto',
    ceph: 'CephOptionsDto',
    kubernetes: 'KubernetesOptionsDto',
  };

  it('names the six connectors in the path parameter and offers each options schema as the run body', () => {
    const run = doc.paths['/connectors/{name}/runs'].post;
    expect(run.parameters.find((p: any) => p.name === 'name').schema.enum).toEqual(Object.keys(OPTIONS));
    const body = run.requestBody.content['application/json'];
    expect(body.schema.oneOf).toEqual(Object.values(OPTIONS).map((schema) => ({ $ref: `#/components/schemas/${schema}` })));
    for (const [name, schema] of Object.entries(OPTIONS)) expect(run.requestBody.description).toContain(`\`${name}\` → ${schema}`);
  });

  it('describes each connector’s own fields, defaults and secrets', () => {
    const schemas = doc.components.schemas;
    expect(schemas.KubernetesOptionsDto.properties.asset_type).toEqual({ type: 'string', enum: ['OS', 'BMC', 'VM', 'VIP', 'OTHER'], default: 'OS' });
    expect(schemas.CephOptionsDto.properties.asset_type.default).toBe('OTHER');
    expect(schemas.CephOptionsDto.required).toEqual(expect.arrayContaining(['mode', 'ceph_url', 'username', 'password']));
    expect(schemas.CassandraOptionsDto.properties.password.writeOnly).toBe(true);
    expect(schemas.ElasticsearchOptionsDto.properties.api_key.writeOnly).toBe(true);
    expect(schemas.VcenterOptionsDto.properties.timeout).toMatchObject({ default: 120, minimum: 1, maximum: 3600 });
    expect(schemas.PrometheusOptionsDto.properties.tags).toMatchObject({ type: 'array', items: { type: 'string' }, description: expect.stringContaining('replaces') });
    expect(schemas.KubernetesOptionsDto.properties.include_label_tags).toMatchObject({ type: 'boolean', default: false });
    for (const schema of Object.values(OPTIONS)) expect(Object.keys(schemas[schema].properties)).toContain('mode');
  });
});

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ES_NODES_INFO } from '../../../test/support/connector-payloads';
import { ConnectorError } from '../framework/connector';
import { candidateHost, ElasticsearchMapping, extractElasticsearchNodes, parseNodesInfo } from './elasticsearch-extract';
import { ElasticsearchOptionsDto } from './elasticsearch-options.dto';
import { elasticsearchAuthorization, nodesInfoUrl } from './elasticsearch.connector';

const plain: ElasticsearchMapping = { assetType: 'OTHER', tags: [], includeClusterNameTag: false };
const info = (nodes: Record<string, unknown>, cluster_name?: unknown) => parseNodesInfo(JSON.stringify({ cluster_name, nodes }));

describe('Elasticsearch node extraction', () => {
  it('maps the spec example: two addresses, the IPv6 master skipped', () => {
    const out = extractElasticsearchNodes(parseNodesInfo(JSON.stringify(ES_NODES_INFO)), plain);
    expect(out.nodes).toBe(3);
    expect(out.ipAssets.map((a) => JSON.stringify(a))).toEqual([
      '{"ip_address":"10.30.0.21","type":"OTHER","merge_tags":true,"archived":false}',
      '{"ip_address":"10.30.0.22","type":"OTHER","merge_tags":true,"archived":false}',
    ]);
    expect(out.warnings).toEqual(["Node 'es-master-01' skipped: source 'host' value 'fd00::31' resolved to IPv6, but only IPv4 is supported."]);
  });

  it('adds the normalised cluster name to every address, with project, tags and note', () => {
    const out = extractElasticsearchNodes(parseNodesInfo(JSON.stringify(ES_NODES_INFO)), { ...plain, includeClusterNameTag: true, projectName: 'Logs', tags: ['es', 'PROD-LOGS-01'], note: 'from es', assetType: 'VM' });
    expect(out.ipAssets[1]).toEqual({ ip_address: '10.30.0.22', type: 'VM', merge_tags: true, archived: false, project_name: 'Logs', tags: ['es', 'PROD-LOGS-01'], notes: 'from es', notes_provided: true });
    const tagged = extractElasticsearchNodes(parseNodesInfo(JSON.stringify(ES_NODES_INFO)), { ...plain, includeClusterNameTag: true });
    expect(tagged.ipAssets.map((a) => a.tags)).toEqual([['prod-logs-01'], ['prod-logs-01']]);
  });

  it('warns once when the cluster name is missing or normalises to nothing', () => {
    for (const name of [undefined, ' ', '***']) {
      const out = extractElasticsearchNodes(info({ a: { ip: '10.0.0.1' } }, name), { ...plain, includeClusterNameTag: true });
      expect(out.warnings).toEqual(['Elasticsearch cluster name tag skipped: cluster_name is missing or empty after normalization.']);
      expect(out.ipAssets[0]).not.toHaveProperty('tags');
    }
  });

  it('understands inet[...], a leading slash, brackets and host:port forms', () => {
    expect(candidateHost('inet[/10.1.2.3:9300]')).toBe('10.1.2.3');
    expect(candidateHost('/10.1.2.3:9300')).toBe('10.1.2.3');
    expect(candidateHost('[10.1.2.3]')).toBe('10.1.2.3');
    expect(candidateHost('[fd00::1]:9200')).toBe('fd00::1');
    expect(candidateHost('hostname/10.1.2.3:9200')).toBe('hostname/10.1.2.3');
    expect(candidateHost('inet[hostname/10.1.2.3:9300]')).toBe('hostname/10.1.2.3');
    const out = extractElasticsearchNodes(info({ old: { name: 'old', http: { publish_address: 'inet[/10.1.2.3:9200]' } }, fwd: { name: 'fwd', transport: { publish_address: '/10.1.2.4:9300' } } }), plain);
    expect(out.ipAssets.map((a) => a.ip_address)).toEqual(['10.1.2.3', '10.1.2.4']);
  });

  it('reports the reason of the last candidate tried, the node id when unnamed, and duplicates', () => {
    const out = extractElasticsearchNodes(
      info({
        n1: { name: 'empty' },
        n2: { name: ' ', http: { publish_address: 'es-2.local/10.0.0.2:9200' } },
        n3: { name: 'lo', http: { publish_address: '[fd00::3]:9200' }, ip: '127.0.0.3' },
        n4: { name: 'first', ip: '10.0.0.4' },
        n5: { name: 'again', http: { publish_address: '10.0.0.4:9200' } },
        n6: 'not an object',
        n7: { name: 'blank', ip: '   ', host: 42 },
      }),
      plain,
    );
    expect(out.nodes).toBe(6);
    expect(out.ipAssets.map((a) => a.ip_address)).toEqual(['10.0.0.4']);
    expect(out.warnings).toEqual([
      "Node 'empty' skipped: no IP candidate found in http.publish_address, transport.publish_address, ip, or host.",
      "Node 'n2' skipped: source 'http.publish_address' value 'es-2.local/10.0.0.2:9200' does not contain a valid IPv4 address.",
      "Node 'lo' skipped: loopback IP '127.0.0.3' is not allowed.",
      "Duplicate IP '10.0.0.4' skipped (node 'again').",
      "Node 'blank' skipped: no IP candidate found in http.publish_address, transport.publish_address, ip, or host.",
    ]);
  });

  it.each([
    ['nope', 'Elasticsearch API returned invalid JSON.'],
    ['"text"', 'Elasticsearch API returned an unexpected payload.'],
    ['{"cluster_name":"x"}', "Elasticsearch payload is missing a valid 'nodes' object."],
    ['{"nodes":[]}', "Elasticsearch payload is missing a valid 'nodes' object."],
  ])('fails hard on %s', (body, message) => {
    expect(() => parseNodesInfo(body)).toThrow(new ConnectorError(message));
  });
});

describe('Elasticsearch request', () => {
  it('sends an API key (base64 of id:key, or as given), else Basic, else nothing', () => {
    expect(elasticsearchAuthorization({ api_key: 'id:key', username: 'u', password: 'p' })).toBe(`ApiKey ${Buffer.from('id:key').toString('base64')}`);
    expect(elasticsearchAuthorization({ api_key: 'aWQ6a2V5' })).toBe('ApiKey aWQ6a2V5');
    expect(elasticsearchAuthorization({ username: 'elastic', password: 'pw' })).toBe(`Basic ${Buffer.from('elastic:pw').toString('base64')}`);
    expect(elasticsearchAuthorization({ username: 'elastic' })).toBeUndefined();
  });

  it('asks for the http and transport sections', () => {
    expect(nodesInfoUrl('https://es:9200/').toString()).toBe('https://es:9200/_nodes/http,transport');
  });

  it.each([
    [{ api_key: 'k', username: 'u', password: 'p' }, 'Provide either API key or username/password authentication, not both.'],
    [{ api_key: 'k', password: 'p' }, 'Provide either API key or username/password authentication, not both.'],
    [{ username: 'u' }, 'Password is required when username is provided.'],
    [{ password: 'p' }, 'Username is required when password is provided.'],
  ])('validates the authentication choice %#', (auth, message) => {
    const dto = plainToInstance(ElasticsearchOptionsDto, { elasticsearch_url: 'http://es:9200', mode: 'dry-run', ...auth });
    const messages = validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}));
    expect(messages).toEqual([message]);
  });

  it('accepts no authentication, an API key alone, or a complete user and password', () => {
    for (const auth of [{}, { api_key: 'k' }, { username: 'u', password: 'p' }, { username: '  ', password: '' }]) {
      expect(validateSync(plainToInstance(ElasticsearchOptionsDto, { elasticsearch_url: 'http://es:9200', mode: 'dry-run', ...auth }))).toEqual([]);
    }
  });
});

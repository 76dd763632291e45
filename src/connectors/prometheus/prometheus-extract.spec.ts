import { ConnectorError } from '../framework/connector';
import { extractPrometheusAssets, parseQueryResponse } from './prometheus-extract';
import { authorizationHeader, queryUrl } from './prometheus.connector';

const mapping = { query: 'up', ipLabel: 'instance', assetType: 'OTHER', tags: [] as string[] };

describe('Prometheus query answer', () => {
  // connectors.md §2.8
  const example = JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: [
        { metric: { __name__: 'up', instance: '10.20.0.11:9100', job: 'node' }, value: [1717000000.123, '1'] },
        { metric: { __name__: 'up', instance: '10.20.0.12:9100', job: 'node' }, value: [1717000000.123, '0'] },
        { metric: { __name__: 'up', instance: '10.20.0.11:9100', job: 'node-blackbox' }, value: [1717000000.123, '1'] },
        { metric: { __name__: 'up', instance: 'localhost:9100', job: 'node' }, value: [1717000000.123, '1'] },
        { metric: { __name__: 'up', instance: '127.0.0.1:9100', job: 'node-self' }, value: [1717000000.123, '1'] },
        { metric: { __name__: 'up', job: 'pushgateway' }, value: [1717000000.123, '1'] },
      ],
    },
  });

  it('extracts the spec example: two assets and a warning per skipped sample', () => {
    const out = extractPrometheusAssets(parseQueryResponse(example), { ...mapping, projectName: 'Core', tags: ['monitoring'] });
    expect(out.samples).toBe(6);
    expect(out.ipAssets).toEqual([
      {
        ip_address: '10.20.0.11',
        type: 'OTHER',
        notes: "Imported from Prometheus query 'up' using label 'instance' (metric=up, value=1).",
        preserve_existing_notes: true,
        preserve_existing_type: true,
        archived: false,
        project_name: 'Core',
        tags: ['monitoring'],
      },
      expect.objectContaining({ ip_address: '10.20.0.12', notes: "Imported from Prometheus query 'up' using label 'instance' (metric=up, value=0)." }),
    ]);
    expect(out.warnings).toEqual([
      "Duplicate IP '10.20.0.11' skipped.",
      "Sample 3 skipped: label 'instance' value 'localhost:9100' does not contain a valid IPv4 address.",
      "Sample 4 skipped: loopback IP '127.0.0.1' is not allowed.",
      "Sample 5 skipped: label 'instance' is missing.",
    ]);
    expect(out.ipAssets[0]).not.toHaveProperty('merge_tags');
  });

  it.each([
    ['[2001:db8::1]:9100', 'does not contain a valid IPv4 address'],
    ['::ffff:10.0.0.1', 'does not contain a valid IPv4 address'],
    ['10.0.0.01', 'does not contain a valid IPv4 address'],
    ['10.0.0.256', 'does not contain a valid IPv4 address'],
    ['10.0.0.1:abc', 'does not contain a valid IPv4 address'],
  ])('skips %s (%s)', (value, reason) => {
    const out = extractPrometheusAssets([{ metric: { instance: value }, value: [1, '1'] }], mapping);
    expect(out.ipAssets).toEqual([]);
    expect(out.warnings).toEqual([`Sample 0 skipped: label 'instance' value '${value}' ${reason}.`]);
  });

  it('accepts a bare address, host:port and surrounding spaces; metric name defaults to unknown', () => {
    const out = extractPrometheusAssets(
      [
        { metric: { instance: ' 10.1.1.1 ' }, value: [1, '3.5'] },
        { metric: { instance: '10.1.1.2:80' }, value: [1, '1'] },
      ],
      mapping,
    );
    expect(out.ipAssets.map((a) => a.ip_address)).toEqual(['10.1.1.1', '10.1.1.2']);
    expect(out.ipAssets[0].notes).toBe("Imported from Prometheus query 'up' using label 'instance' (metric=unknown, value=3.5).");
  });

  it.each([
    ['not json', 'Prometheus API returned invalid JSON.'],
    ['[1,2]', 'Prometheus API returned an unexpected payload.'],
    ['{"status":"error","errorType":"bad_data","error":"parse error"}', 'Prometheus query status was not success (bad_data: parse error).'],
    ['{"status":"error"}', 'Prometheus query status was not success.'],
    ['{"status":"success"}', 'Prometheus payload is missing data.'],
    ['{"status":"success","data":{"resultType":"matrix","result":[]}}', "Unsupported Prometheus resultType 'matrix'. Expected 'vector'."],
    ['{"status":"success","data":{"resultType":"vector","result":{}}}', 'Prometheus payload contains invalid result list.'],
  ])('fails hard on %s', (body, message) => {
    expect(() => parseQueryResponse(body)).toThrow(new ConnectorError(message));
  });

  it.each([
    [[5], 'Prometheus sample at index 0 is not an object.'],
    [[{ metric: [], value: [1, '1'] }], 'Prometheus sample at index 0 has invalid metric labels.'],
    [[{ metric: { instance: 5 }, value: [1, '1'] }], 'Prometheus sample at index 0 has invalid metric labels.'],
    [[{ metric: {}, value: [1] }], 'Prometheus sample at index 0 has invalid value field.'],
    [[{ metric: { instance: '10.0.0.1' }, value: [1, '1'] }, { metric: {}, value: 'x' }], 'Prometheus sample at index 1 has invalid value field.'],
  ])('fails hard on a malformed sample %#', (samples, message) => {
    expect(() => extractPrometheusAssets(samples, mapping)).toThrow(new ConnectorError(message));
  });

  it('refuses an empty IP label', () => {
    expect(() => extractPrometheusAssets([], { ...mapping, ipLabel: '  ' })).toThrow('IP label must not be empty.');
  });
});

describe('Prometheus request', () => {
  it('sends user:password as Basic and anything else as Bearer', () => {
    expect(authorizationHeader('u:p')).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(authorizationHeader(' tok ')).toBe('Bearer tok');
    expect(authorizationHeader('  ')).toBeUndefined();
  });

  it('form-encodes the query and drops trailing slashes', () => {
    expect(queryUrl('http://p:9090//', 'up{job=~"node.*"} == 1').toString()).toBe('http://p:9090/api/v1/query?query=up%7Bjob%3D%7E%22node.*%22%7D+%3D%3D+1');
  });
});

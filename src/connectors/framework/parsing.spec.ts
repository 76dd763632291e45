import { classifyIpv4, inventoryAsset, isFirstSighting, isPositiveIntegerText, refusalReason } from './parsing';

describe('connector parsing helpers', () => {
  it.each([
    [' 10.0.0.1 ', { ip: '10.0.0.1' }],
    ['127.0.0.1', { refusal: 'loopback' }],
    ['fd00::1', { refusal: 'ipv6' }],
    ['::ffff:10.0.0.1', { refusal: 'ipv6' }],
    ['10.0.0.01', { refusal: 'invalid' }],
    ['host.example', { refusal: 'invalid' }],
    ['', { refusal: 'invalid' }],
  ])('classifies %j', (raw, expected) => {
    expect(classifyIpv4(raw)).toEqual(expected);
  });

  it('builds an inventory address: optional parts only when given, a note with notes_provided', () => {
    expect(inventoryAsset('10.0.0.1', { assetType: 'OTHER', tags: [] })).toEqual({ ip_address: '10.0.0.1', type: 'OTHER', merge_tags: true, archived: false });
    expect(inventoryAsset('10.0.0.1', { assetType: 'OS', tags: ['a'], projectName: 'P', note: 'n' }, 'node-1')).toEqual({
      ip_address: '10.0.0.1',
      type: 'OS',
      host_name: 'node-1',
      merge_tags: true,
      archived: false,
      project_name: 'P',
      tags: ['a'],
      notes: 'n',
      notes_provided: true,
    });
  });

  it('words a refusal with its source, quoting the bare host for loopback', () => {
    expect(refusalReason('loopback', 'addr', '127.0.0.1:80', '127.0.0.1')).toBe("loopback IP '127.0.0.1' is not allowed.");
    expect(refusalReason('ipv6', 'addr', 'fd00::1')).toBe("addr 'fd00::1' resolved to IPv6, but only IPv4 is supported.");
    expect(refusalReason('invalid', "source 'ip' value", 'x')).toBe("source 'ip' value 'x' does not contain a valid IPv4 address.");
  });

  it('keeps the first record of an address and warns about each later one', () => {
    const seen = new Set<string>();
    const warnings: string[] = [];
    expect(isFirstSighting(seen, '10.0.0.1', "(node 'a')", warnings)).toBe(true);
    expect(isFirstSighting(seen, '10.0.0.1', "(node 'b')", warnings)).toBe(false);
    expect(isFirstSighting(seen, '10.0.0.1', '', warnings)).toBe(false);
    expect(isFirstSighting(seen, '10.0.0.2', "(node 'c')", warnings)).toBe(true);
    expect(warnings).toEqual(["Duplicate IP '10.0.0.1' skipped (node 'b').", "Duplicate IP '10.0.0.1' skipped."]);
  });

  it('accepts only whole positive numbers as --timeout', () => {
    expect(['30', ' 5 '].map(isPositiveIntegerText)).toEqual([true, true]);
    expect(['0', '-1', '1.5', 'abc', '', 30].map(isPositiveIntegerText)).toEqual([false, false, false, false, false, false]);
  });
});

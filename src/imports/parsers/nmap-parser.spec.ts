import { inferNmapType, parseNmapXml } from './nmap-parser';

describe('Nmap parsing', () => {
  it('infers the type from the MAC vendor, VM words first', () => {
    expect(inferNmapType('VMware, Inc.')).toBe('VM');
    expect(inferNmapType('Microsoft HP edition')).toBe('VM');
    expect(inferNmapType('Super Micro Computer')).toBe('OS');
    expect(inferNmapType('Raspberry Pi')).toBe('OTHER');
    expect(inferNmapType(undefined)).toBe('OTHER');
  });

  it('allows the plain Nmap DOCTYPE and refuses entity declarations before parsing', async () => {
    const ok = await parseNmapXml(Buffer.from('<!DOCTYPE nmaprun><nmaprun><host><status state="up"/><address addr="::1" addrtype="ipv4"/></host></nmaprun>'));
    expect(ok.hosts).toEqual([]);
    await expect(parseNmapXml(Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><x/>'))).rejects.toThrow(/Entity declarations/);
    await expect(parseNmapXml(Buffer.from('<!DOCTYPE x [ ]><x/>'))).rejects.toThrow(/plain DOCTYPE/);
  });
});

import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { deepArray, deepJson, SCRIPT_PAYLOADS, stringCorpus } from './corpus';

/** One hostile upload: what it is, and its bytes. */
export interface HostileFile {
  category: string;
  label: string;
  bytes: Buffer;
}

export type ImportKind = 'csv' | 'bundle' | 'nmap';

const text = (s: string) => Buffer.from(s, 'utf8');
const IP_HEADER = 'ip_address,type,project_name,host_name,notes,archived,tags';
const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** A zip of one highly compressible entry: small on the wire, `size` bytes if anyone unpacked it. */
export async function zipOf(name: string, content: Buffer): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(content, name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Files every importer must survive, whatever format it expects. */
export async function commonFiles(): Promise<HostileFile[]> {
  const zeros = Buffer.alloc(20 * 1024 * 1024);
  const binary = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 512 }), { seed: 7, numRuns: 4 });
  return [
    { category: 'empty', label: 'one space', bytes: text(' ') },
    { category: 'nul-control', label: 'NUL bytes', bytes: Buffer.from([0, 0, 0, 10, 0]) },
    ...binary.map((b, i) => ({ category: 'binary', label: `random bytes #${i}`, bytes: Buffer.from(b) })),
    { category: 'encoding', label: 'UTF-16LE with BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${IP_HEADER}\n10.0.9.1,VM,,,,false,\n`, 'utf16le')]) },
    { category: 'encoding', label: 'Latin-1 bytes', bytes: Buffer.from(`${IP_HEADER}\n10.0.9.1,VM,,,caf\xe9,false,\n`, 'latin1') },
    { category: 'encoding', label: 'overlong UTF-8', bytes: Buffer.concat([text(`${IP_HEADER}\n10.0.9.1,VM,,,`), Buffer.from([0xc0, 0xaf]), text(',false,\n')]) },
    { category: 'huge-line', label: '900 KB on one line', bytes: text('9'.repeat(900 * 1024)) },
    { category: 'archive', label: 'zip bomb (20 MB of zeros)', bytes: await zipOf('bundle.json', zeros) },
    { category: 'archive', label: 'gzip bomb (20 MB of zeros)', bytes: gzipSync(zeros) },
    // yazl refuses '../' names, so the entry is written as 'xx/…' and patched: a zip-slip archive.
    { category: 'archive', label: 'zip slip entry name', bytes: Buffer.from((await zipOf('xx/xx/tmp/evil.json', text('{}'))).toString('latin1').replace(/xx\//g, '../'), 'latin1') },
  ];
}

export function csvFiles(): HostileFile[] {
  const ips = stringCorpus(8).filter((v) => v.category === 'ip' || v.category === 'cidr' || v.category === 'generated').map((v) => String(v.value));
  return [
    { category: 'csv-structure', label: 'header only', bytes: text(`${IP_HEADER}\n`) },
    { category: 'csv-structure', label: 'missing columns', bytes: text('ip_address\n10.0.9.1\n') },
    { category: 'csv-structure', label: 'unterminated quote', bytes: text(`${IP_HEADER}\n"10.0.9.1,VM,,,,false,\n`) },
    { category: 'csv-structure', label: 'stray quote', bytes: text(`${IP_HEADER}\n10.0."9.1,VM,,,,false,\n`) },
    { category: 'csv-structure', label: '300 columns', bytes: text(`${IP_HEADER}${',x'.repeat(300)}\n`) },
    { category: 'csv-structure', label: '150,000-character field', bytes: text(`${IP_HEADER}\n10.0.9.1,VM,,,${'n'.repeat(150_000)},false,\n`) },
    { category: 'csv-structure', label: 'mixed CR, LF and CRLF', bytes: text(`${IP_HEADER}\r10.0.9.1,VM,,,,false,\r\n10.0.9.2,VM,,,,false,\n`) },
    { category: 'csv-structure', label: 'truncated mid-row', bytes: text(`${IP_HEADER}\n10.0.9.1,VM,,,"multi\nline`) },
    { category: 'csv-structure', label: 'NUL inside a cell', bytes: text(`${IP_HEADER}\n10.0.9.1,VM,,,a\u0000b,false,\n`) },
    { category: 'csv-structure', label: 'duplicate header names', bytes: text(`ip_address,ip_address,type,project_name,host_name,notes,archived\n10.0.9.1,x,VM,,,,false\n`) },
    { category: 'ip', label: 'every hostile address as a row', bytes: text([IP_HEADER, ...ips.map((ip) => `${csvCell(ip)},VM,,,,false,`)].join('\n')) },
    { category: 'csv-values', label: 'hostile types, flags and tags', bytes: text([IP_HEADER, `10.0.9.1,${csvCell("' OR 1=1 --")},,,,maybe,`, `10.0.9.2,VM,,,,false,${csvCell('<script>,%,_,a\u200db')}`, `10.0.9.3,vm,,,,2,`].join('\n')) },
    { category: 'script', label: 'script payloads in names', bytes: text([IP_HEADER, ...SCRIPT_PAYLOADS.map((p, i) => `10.0.10.${i + 1},VM,${csvCell(p)},${csvCell(p)},${csvCell(p)},false,${csvCell('bad tag ' + p)}`)].join('\n')) },
    { category: 'csv-values', label: 'formula injection', bytes: text([IP_HEADER, `10.0.9.1,VM,,,${csvCell("=cmd|' /C calc'!A0")},false,`].join('\n')) },
    { category: 'csv-values', label: '20,000 invalid rows', bytes: text([IP_HEADER, ...Array.from({ length: 20_000 }, (_, i) => `10.0.${i}.999,VM,,,,false,`)].join('\n')) },
  ];
}

export function bundleFiles(): HostileFile[] {
  const bundle = (data: unknown, extra: object = {}) => text(JSON.stringify({ app: 'ipocket', schema_version: '1', exported_at: 'x', data, ...extra }));
  const valid = JSON.stringify({ app: 'ipocket', schema_version: '1', data: { ip_assets: [{ ip_address: '10.0.9.1', type: 'VM' }] } });
  const hostileValues = stringCorpus(8).map((v) => v.value);
  return [
    ...['', 'null', '[]', '"x"', '42', 'true', '{'].map((body) => ({ category: 'json-type', label: `body ${JSON.stringify(body)}`, bytes: text(body) })),
    { category: 'truncated', label: 'a valid bundle cut in half', bytes: text(valid.slice(0, Math.floor(valid.length / 2))) },
    { category: 'deep-nesting', label: '10,000 nested objects', bytes: text(deepJson(10_000)) },
    { category: 'deep-nesting', label: '10,000 nested arrays in data', bytes: text(`{"schema_version":"1","data":{"ip_assets":${deepArray(10_000)}}}`) },
    { category: 'json-type', label: 'schema_version as a number', bytes: text('{"schema_version":1,"data":{}}') },
    { category: 'json-type', label: 'data as a list', bytes: text('{"schema_version":"1","data":[]}') },
    { category: 'json-type', label: 'sections as objects and strings', bytes: bundle({ ip_assets: { a: 1 }, hosts: 'x' }) },
    { category: 'json-type', label: 'entries of the wrong type', bytes: bundle({ ip_assets: [1, 'x', null, []] }) },
    { category: 'json-type', label: 'fields of the wrong type', bytes: bundle({ ip_assets: [{ ip_address: 167772161, type: ['VM'], tags: 'a', archived: 'maybe', notes: { x: 1 } }], projects: [{ name: 5 }], hosts: [{ name: null }] }) },
    { category: 'json-type', label: 'prototype keys', bytes: text('{"schema_version":"1","__proto__":{"admin":true},"data":{"__proto__":{"ip_assets":[1]},"ip_assets":[{"ip_address":"10.0.9.1","type":"VM","__proto__":{"archived":true},"constructor":{"prototype":{}}}]}}') },
    { category: 'json-type', label: 'duplicate keys', bytes: text('{"schema_version":"1","data":{"ip_assets":[{"ip_address":"10.0.9.1","ip_address":"nope","type":"VM"}]}}') },
    { category: 'ip', label: 'every hostile value in every field', bytes: bundle({ vendors: hostileValues.map((name) => ({ name })), projects: hostileValues.map((name) => ({ name, color: name })), hosts: hostileValues.map((name) => ({ name, vendor_name: name })), ip_assets: hostileValues.map((v) => ({ ip_address: v, type: v, project_name: v, host_name: v, tags: [v] })) }) },
    { category: 'nul-control', label: 'NUL escapes in names', bytes: text('{"schema_version":"1","data":{"vendors":[{"name":"a\\u0000b"}],"ip_assets":[{"ip_address":"10.0.9.1","type":"VM","notes":"x\\u0000"}]}}') },
    { category: 'encoding', label: 'lone surrogate escapes', bytes: text('{"schema_version":"1","data":{"projects":[{"name":"\\ud800"}],"ip_assets":[{"ip_address":"10.0.9.1","type":"VM","notes":"\\udfff"}]}}') },
  ];
}

export function nmapFiles(): HostileFile[] {
  const host = (addr: string, extra = '') => `<host><status state="up"/><address addr="${addr}" addrtype="ipv4"/>${extra}</host>`;
  const scan = (body: string, prolog = '') => text(`<?xml version="1.0"?>${prolog}<nmaprun>${body}</nmaprun>`);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const addrs = stringCorpus(8).filter((v) => v.category === 'ip' || v.category === 'sql' || v.category === 'generated').map((v) => String(v.value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/g, ''));
  const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') + ']>';
  return [
    { category: 'xml-entities', label: 'billion laughs', bytes: scan(host('10.0.9.1', '<hostnames><hostname name="&lol9;"/></hostnames>'), laughs) },
    { category: 'xml-entities', label: 'external entity (file)', bytes: scan(host('10.0.9.1', '<hostnames><hostname name="&xxe;"/></hostnames>'), '<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>') },
    { category: 'xml-entities', label: 'parameter entity', bytes: scan(host('10.0.9.1'), '<!DOCTYPE nmaprun [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>') },
    { category: 'xml-entities', label: 'external DTD', bytes: scan(host('10.0.9.1'), '<!DOCTYPE nmaprun SYSTEM "file:///etc/passwd">') },
    { category: 'xml-entities', label: 'entity declared lowercase', bytes: scan(host('10.0.9.1'), '<!doctype nmaprun [<!entity x "y">]>') },
    { category: 'xml-structure', label: 'malformed', bytes: text('<nmaprun><host>') },
    { category: 'xml-structure', label: 'truncated', bytes: scan(host('10.0.9.1')).subarray(0, 60) },
    { category: 'xml-structure', label: 'another root element', bytes: text('<?xml version="1.0"?><html><body/></html>') },
    { category: 'xml-structure', label: 'not XML', bytes: text('{"nmaprun": []}') },
    { category: 'deep-nesting', label: '10,000 nested elements', bytes: scan('<a>'.repeat(10_000) + '</a>'.repeat(10_000)) },
    { category: 'xml-structure', label: 'CDATA and comments everywhere', bytes: scan(`<!-- x --><host><![CDATA[<address addr="10.0.9.9"/>]]><status state="up"/><address addr="10.0.9.1" addrtype="ipv4"/></host>`) },
    { category: 'xml-structure', label: 'attributes of the wrong shape', bytes: scan('<host><status/><address/></host><host><status state="up"/><address addr="" addrtype=""/></host>') },
    { category: 'ip', label: 'every hostile address', bytes: scan(addrs.map((a) => host(esc(a))).join('')) },
    { category: 'script', label: 'script payloads in vendor and hostname', bytes: scan(host('10.0.9.1', `<address addr="00:11:22:33:44:55" addrtype="mac" vendor="${esc(SCRIPT_PAYLOADS[0])}"/><hostnames><hostname name="${esc(SCRIPT_PAYLOADS[1])}"/></hostnames>`)) },
  ];
}

import { parseStringPromise } from 'xml2js';
import { parseIp } from '../../common/ip';
import { ImportParseError } from '../import-model';

export const INVALID_NMAP = 'Invalid Nmap XML payload.';

export interface NmapHost {
  address: string;
  macVendor?: string;
}

export interface NmapScan {
  /** Unique up IPv4 hosts, first occurrence wins. */
  hosts: NmapHost[];
  /** `Invalid IP address '<addr>' in Nmap XML.` — the import continues without them. */
  errors: string[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Refuses, before any XML parser sees the text, everything that could fetch or expand: entity declarations
 * (XXE, billion laughs) and a DOCTYPE with an internal subset or an external identifier. Nmap's own plain
 * `<!DOCTYPE nmaprun>` stays allowed.
 */
function assertSafeXml(text: string): void {
  if (/<!ENTITY/i.test(text)) throw new ImportParseError('import', `${INVALID_NMAP} Entity declarations are not allowed.`);
  const doctypes = text.match(/<!DOCTYPE[^>]*>?/gi) ?? [];
  for (const doctype of doctypes) {
    if (!/^<!DOCTYPE\s+[A-Za-z_][\w.-]*\s*>$/i.test(doctype)) {
      throw new ImportParseError('import', `${INVALID_NMAP} Only a plain DOCTYPE (no internal subset or external identifier) is allowed.`);
    }
  }
  if (/<!\[CDATA\[[\s\S]*<!ENTITY/i.test(text)) throw new ImportParseError('import', INVALID_NMAP);
}

type XmlNode = { $?: Record<string, string>; [child: string]: unknown };

const children = (node: XmlNode, name: string): XmlNode[] => (Array.isArray(node[name]) ? (node[name] as XmlNode[]) : []);

/** Nmap `-oX` output into up IPv4 hosts with their MAC vendor (import-export.md C.1). */
export async function parseNmapXml(bytes: Uint8Array): Promise<NmapScan> {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new ImportParseError('import', `${INVALID_NMAP} The file is not valid UTF-8.`);
  }
  assertSafeXml(text);
  let doc: Record<string, XmlNode>;
  try {
    doc = (await parseStringPromise(text, { explicitArray: true, explicitRoot: true, strict: true })) as Record<string, XmlNode>;
  } catch {
    throw new ImportParseError('import', `${INVALID_NMAP} The XML is malformed.`);
  }
  const root = doc && typeof doc === 'object' ? Object.values(doc)[0] : undefined;
  if (!root || typeof root !== 'object') throw new ImportParseError('import', INVALID_NMAP);

  const hosts: NmapHost[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const host of children(root, 'host')) {
    const status = children(host, 'status')[0];
    if (status?.$?.state !== 'up') continue;
    const addresses = children(host, 'address');
    const addr = addresses.find((a) => a.$?.addrtype === 'ipv4')?.$?.addr;
    if (!addr) continue;
    const parsed = parseIp(addr);
    if (!parsed) {
      errors.push(`Invalid IP address '${addr}' in Nmap XML.`);
      continue;
    }
    if (parsed.version !== 4) continue;
    if (seen.has(parsed.key)) continue;
    seen.add(parsed.key);
    const macVendor = addresses.find((a) => a.$?.addrtype === 'mac' && a.$?.vendor)?.$?.vendor;
    hosts.push({ address: parsed.canonical, macVendor });
  }
  return { hosts, errors };
}

const VM_WORDS = ['vmware', 'virtualbox', 'microsoft', 'xen', 'qemu', 'kvm', 'citrix', 'parallels'];
const OS_WORDS = ['dell', 'hewlett packard', 'hp', 'hpe', 'super micro', 'supermicro', 'lenovo', 'ibm'];

/** Asset type from the MAC vendor (C.2): VM keywords first, then hardware makers, else OTHER. */
export function inferNmapType(vendor: string | undefined): 'VM' | 'OS' | 'OTHER' {
  const v = (vendor ?? '').toLowerCase();
  if (v === '') return 'OTHER';
  if (VM_WORDS.some((w) => v.includes(w))) return 'VM';
  if (OS_WORDS.some((w) => v.includes(w))) return 'OS';
  return 'OTHER';
}

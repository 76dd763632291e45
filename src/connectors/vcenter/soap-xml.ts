import { parseStringPromise } from 'xml2js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const VIM_NS = 'urn:vim25';

/** An element by namespace URI and local name: prefixes are whatever the server chose. */
export interface XmlNode {
  ns: string;
  name: string;
  /** Attributes keyed `{uri}local` (`type` for an unqualified one). */
  attrs: Map<string, string>;
  children: XmlNode[];
  text: string;
}

interface RawAttr {
  value: string;
  local: string;
  uri: string;
}
interface RawNode {
  $ns?: { uri: string; local: string };
  '#name': string;
  $?: Record<string, RawAttr>;
  $$?: RawNode[];
  _?: string;
}

const attrKey = (uri: string, local: string) => (uri ? `{${uri}}${local}` : local);

function convert(raw: RawNode): XmlNode {
  const attrs = new Map<string, string>();
  for (const a of Object.values(raw.$ ?? {})) {
    if (a.uri === 'http://www.w3.org/2000/xmlns/') continue;
    attrs.set(attrKey(a.uri, a.local), a.value);
  }
  return {
    ns: raw.$ns?.uri ?? '',
    name: raw.$ns?.local ?? raw['#name'],
    attrs,
    children: (raw.$$ ?? []).map(convert),
    text: raw._ ?? '',
  };
}

/** Parses XML namespace-aware (xml2js with xmlns on); entities are never fetched. */
export async function parseXml(text: string): Promise<XmlNode> {
  const root = (await parseStringPromise(text, {
    xmlns: true,
    explicitChildren: true,
    preserveChildrenOrder: true,
    charsAsChildren: false,
    explicitRoot: false,
    trim: false,
    normalize: false,
  })) as RawNode;
  return convert(root);
}

export const child = (node: XmlNode | undefined, name: string, ns?: string): XmlNode | undefined => node?.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
export const childrenNamed = (node: XmlNode | undefined, name: string): XmlNode[] => node?.children.filter((c) => c.name === name) ?? [];

/** The local part of an `xsi:type` value (`xsd:string` → `string`), whatever prefix carried the attribute. */
export function xsiType(node: XmlNode): string | undefined {
  const value = node.attrs.get(attrKey(XSI_NS, 'type'));
  return value === undefined ? undefined : value.slice(value.indexOf(':') + 1);
}

/** A managed object reference's own (unqualified) `type` attribute. */
export const morefType = (node: XmlNode): string | undefined => node.attrs.get('type');

/** Text of a descendant path, e.g. `spec/ip/ipAddress`. */
export function pathText(node: XmlNode, path: string): string | undefined {
  let current: XmlNode | undefined = node;
  for (const part of path.split('/')) current = child(current, part);
  return current?.text;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

import { ImportBundle, ImportHost, ImportIpAsset, ImportParseError, ImportProject, ImportVendor } from '../import-model';
import { optionalBool, optionalText, rawText, tagList } from './coerce';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Magic numbers of archives we refuse to unpack: an upload is never decompressed (zip bombs). */
function looksLikeArchive(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return zip || gzip;
}

/** Decodes and parses `bundle.json` bytes (import-export.md B.4). */
export function parseBundleBytes(bytes: Uint8Array): ImportBundle {
  if (looksLikeArchive(bytes)) {
    throw new ImportParseError('import', 'Archives are not accepted: upload the bundle.json file itself (extract it from bundle.zip first).', 415);
  }
  let payload: unknown;
  try {
    let text = UTF8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    payload = JSON.parse(text);
  } catch {
    throw new ImportParseError('import', 'Invalid JSON payload.');
  }
  assertWellFormedText(payload);
  return parseBundleObject(payload);
}

/**
 * JSON escapes can spell an unpaired surrogate (`"\ud800"`) or a NUL (`"\u0000"`), which no database stores
 * as written (PostgreSQL refuses NUL outright): the importer could not find the row it just wrote. Refused up front.
 */
function assertWellFormedText(payload: unknown): void {
  const stack: unknown[] = [payload];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (/\p{Cs}/u.test(node)) throw new ImportParseError('import', 'Invalid JSON payload: text contains an unpaired surrogate (\\ud800-\\udfff escape).');
      if (node.includes('\u0000')) throw new ImportParseError('import', 'Invalid JSON payload: text contains a NUL character (\\u0000), which cannot be stored.');
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) stack.push(key, value);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(data: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const value = data[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ImportParseError(`data.${name}`, 'Expected a list.');
  value.forEach((entry, index) => {
    if (!isObject(entry)) throw new ImportParseError(`data.${name}[${index}]`, 'Expected object entries.');
  });
  return value as Record<string, unknown>[];
}

/** Validates the envelope and reads the fields the importer uses; everything else is ignored. */
export function parseBundleObject(payload: unknown): ImportBundle {
  // Decision E2: a top-level array or scalar is a clear error, not a crash.
  if (!isObject(payload)) throw new ImportParseError('import', 'Invalid JSON payload: expected a JSON object with schema_version and data.');
  if (payload.schema_version !== '1') throw new ImportParseError('schema_version', "Unsupported schema_version (expected '1').");
  const data = payload.data;
  if (!isObject(data)) throw new ImportParseError('data', 'Missing data section.');

  const vendorRows = section(data, 'vendors');
  const projectRows = section(data, 'projects');
  const hostRows = section(data, 'hosts');
  const ipRows = section(data, 'ip_assets');

  const vendors: ImportVendor[] = vendorRows.map((row, i) => ({ location: `data.vendors[${i}]`, name: rawText(row.name) }));
  const projects: ImportProject[] = projectRows.map((row, i) => ({
    location: `data.projects[${i}]`,
    name: rawText(row.name),
    description: optionalText(row.description),
    color: optionalText(row.color),
  }));
  const hosts: ImportHost[] = hostRows.map((row, i) => ({
    location: `data.hosts[${i}]`,
    name: rawText(row.name),
    notes: optionalText(row.notes),
    vendorName: optionalText(row.vendor_name),
  }));
  const ipAssets: ImportIpAsset[] = ipRows.map((row, i) => ({
    location: `data.ip_assets[${i}]`,
    ipAddress: rawText(row.ip_address),
    type: rawText(row.type),
    projectName: optionalText(row.project_name),
    hostName: optionalText(row.host_name),
    notes: optionalText(row.notes) ?? null,
    notesProvided: 'notes' in row,
    tags: tagList(row.tags),
    archived: optionalBool(row.archived),
    preserveExistingNotes: optionalBool(row.preserve_existing_notes) === true,
    preserveExistingType: optionalBool(row.preserve_existing_type) === true,
    mergeTags: optionalBool(row.merge_tags) === true,
  }));
  return { vendors, projects, hosts, ipAssets };
}

import { ImportBundle, ImportHost, ImportIpAsset, ImportParseError, ImportProject, ImportVendor } from '../import-model';
import { optionalBool, optionalText } from './coerce';
import { CsvLimits, CsvRecord, decodeCsv, DEFAULT_CSV_LIMITS, readCsv } from './csv-reader';

export const HOSTS_CSV = 'hosts.csv';
export const IP_ASSETS_CSV = 'ip-assets.csv';

const REQUIRED: Record<string, string[]> = {
  [HOSTS_CSV]: ['name', 'notes', 'vendor_name'],
  [IP_ASSETS_CSV]: ['ip_address', 'type', 'project_name', 'host_name', 'notes', 'archived'],
};

interface Table {
  rows: CsvRecord[];
  column: (name: string) => number;
}

function readTable(bytes: Uint8Array, file: string, limits: CsvLimits): Table | null {
  const records = readCsv(decodeCsv(bytes), file, limits);
  if (records.length === 0) return null;
  const header = records[0].cells;
  const missing = REQUIRED[file].filter((name) => !header.includes(name)).sort();
  if (missing.length > 0) throw new ImportParseError(file, `Missing required columns: ${missing.join(', ')}.`);
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return { rows: records.slice(1), column: (name) => index.get(name) ?? -1 };
}

/** Cell text, or undefined when the column is absent or the row is short. */
const cell = (row: CsvRecord, index: number): string | undefined => (index >= 0 && index < row.cells.length ? row.cells[index] : undefined);

/**
 * hosts.csv and/or ip-assets.csv into one bundle (import-export.md B.5): host rows also yield their OS/BMC
 * addresses, vendors and projects are the distinct names used.
 */
export function parseCsvFiles(files: { hosts?: Uint8Array; ipAssets?: Uint8Array }, limits: CsvLimits = DEFAULT_CSV_LIMITS): ImportBundle {
  // hosts.csv first: if it fails, ip-assets.csv is not examined.
  const hostsTable = files.hosts ? readTable(files.hosts, HOSTS_CSV, limits) : null;
  const ipTable = files.ipAssets ? readTable(files.ipAssets, IP_ASSETS_CSV, limits) : null;

  const vendors: ImportVendor[] = [];
  const vendorSeen = new Set<string>();
  const hosts: ImportHost[] = [];
  const hostIps: ImportIpAsset[] = [];
  const projects: ImportProject[] = [];
  const projectSeen = new Set<string>();
  const addProject = (name: string | undefined, location: string) => {
    if (name !== undefined && !projectSeen.has(name)) {
      projectSeen.add(name);
      projects.push({ location, name });
    }
  };

  if (hostsTable) {
    const c = (name: string) => hostsTable.column(name);
    const [nameCol, notesCol, vendorCol, projectCol, osCol, bmcCol] = ['name', 'notes', 'vendor_name', 'project_name', 'os_ip', 'bmc_ip'].map(c);
    for (const row of hostsTable.rows) {
      const location = `${HOSTS_CSV}:line ${row.line}`;
      const name = cell(row, nameCol) ?? '';
      const vendorName = optionalText(cell(row, vendorCol));
      hosts.push({ location, name, notes: optionalText(cell(row, notesCol)), vendorName });
      if (vendorName !== undefined && !vendorSeen.has(vendorName)) {
        vendorSeen.add(vendorName);
        vendors.push({ location, name: vendorName });
      }
      const hostName = name.trim();
      if (hostName === '') continue;
      const projectName = optionalText(cell(row, projectCol));
      for (const [field, col, type] of [['os_ip', osCol, 'OS'], ['bmc_ip', bmcCol, 'BMC']] as const) {
        const address = optionalText(cell(row, col));
        if (address === undefined) continue;
        hostIps.push({ location: `${location}.${field}`, ipAddress: address, type, projectName, hostName, notes: null, notesProvided: false });
        addProject(projectName, location);
      }
    }
  }

  const ipAssets: ImportIpAsset[] = [...hostIps];
  if (ipTable) {
    const c = (name: string) => ipTable.column(name);
    const [ipCol, typeCol, projectCol, hostCol, notesCol, archivedCol, tagsCol] = ['ip_address', 'type', 'project_name', 'host_name', 'notes', 'archived', 'tags'].map(c);
    for (const row of ipTable.rows) {
      const location = `${IP_ASSETS_CSV}:line ${row.line}`;
      const projectName = optionalText(cell(row, projectCol));
      addProject(projectName, location);
      const tagsCell = tagsCol >= 0 ? (cell(row, tagsCol) ?? undefined) : undefined;
      ipAssets.push({
        location,
        ipAddress: cell(row, ipCol) ?? '',
        type: cell(row, typeCol) ?? '',
        projectName,
        hostName: optionalText(cell(row, hostCol)),
        notes: optionalText(cell(row, notesCol)) ?? null,
        notesProvided: true,
        // Column present: an empty cell means "no tags"; a short row keeps the tags.
        tags: tagsCell === undefined ? undefined : tagsCell.split(',').map((t) => t.trim()).filter((t) => t !== ''),
        archived: optionalBool(cell(row, archivedCol)),
      });
    }
  }
  return { vendors, projects, hosts, ipAssets };
}

/**
 * The neutral import model every input format is parsed into (bundle JSON, hosts.csv + ip-assets.csv,
 * Nmap XML, connector output). Each item remembers where it came from so errors point at the source.
 */

export interface Located {
  /** `data.ip_assets[3]`, `ip-assets.csv:line 7`, `hosts.csv:line 2.os_ip`… */
  readonly location: string;
}

export interface ImportVendor extends Located {
  readonly name: string;
}

export interface ImportProject extends Located {
  readonly name: string;
  readonly description?: string;
  readonly color?: string;
}

export interface ImportHost extends Located {
  readonly name: string;
  readonly notes?: string;
  readonly vendorName?: string;
}

export interface ImportIpAsset extends Located {
  /** Raw text as given: validation refuses surrounding spaces instead of trimming them. */
  readonly ipAddress: string;
  readonly type: string;
  readonly projectName?: string;
  readonly hostName?: string;
  /** Trimmed; null when blank. Only used when `notesProvided`. */
  readonly notes: string | null;
  readonly notesProvided: boolean;
  /** Raw tag names; undefined = "keep the existing tags", [] = "remove all tags". */
  readonly tags?: readonly string[];
  readonly archived?: boolean;
  readonly preserveExistingNotes?: boolean;
  readonly preserveExistingType?: boolean;
  readonly mergeTags?: boolean;
  /** Nmap: an address that already exists is only "seen", never modified. */
  readonly createOnly?: boolean;
}

export interface ImportBundle {
  readonly vendors: readonly ImportVendor[];
  readonly projects: readonly ImportProject[];
  readonly hosts: readonly ImportHost[];
  readonly ipAssets: readonly ImportIpAsset[];
}

export const emptyBundle = (): ImportBundle => ({ vendors: [], projects: [], hosts: [], ipAssets: [] });

export interface ImportIssue {
  location: string;
  message: string;
  level: 'error' | 'warning';
}

export const issue = (location: string, message: string, level: ImportIssue['level'] = 'error'): ImportIssue => ({ location, message, level });

/**
 * The input as a whole cannot be read (not JSON, not UTF-8, broken CSV quoting, hostile XML…).
 * Parsing stops at the first such problem; the HTTP layer answers 4xx with the import result body.
 */
export class ImportParseError extends Error {
  constructor(
    readonly location: string,
    message: string,
    /** 400 for unreadable input; 415 for a file of the wrong kind (an archive instead of JSON). */
    readonly status: 400 | 415 = 400,
  ) {
    super(message);
  }
}

/** Source labels of the `IMPORT_RUN` audit row (api.md §7). */
export interface ImportSource {
  /** `api_import_bundle`, `ui_import_csv`, `connector_vcenter`, `cli_import_bundle`… */
  readonly label: string;
  /** `bundle.json`, `csv`, `connector:<name>`, `nmap`. */
  readonly input: string;
}

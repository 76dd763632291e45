import type { ConnectorJobMode } from '../connector-job.entity';

/** A bundle entry for `data.hosts` (import-export.md B.4). */
export interface BundleHost {
  name: string;
  notes?: string;
}

/** A bundle entry for `data.ip_assets`, with the per-entry update flags the importer honours. */
export interface BundleIpAsset {
  ip_address: string;
  type: string;
  host_name?: string;
  project_name?: string;
  tags?: string[];
  notes?: string;
  notes_provided?: boolean;
  preserve_existing_notes?: boolean;
  preserve_existing_type?: boolean;
  merge_tags?: boolean;
  archived: boolean;
}

/** What a bundle file holds (connectors.md §0.2). */
export interface ConnectorBundle {
  app: 'ipocket';
  schema_version: '1';
  exported_at: string;
  data: { vendors: never[]; projects: never[]; hosts: BundleHost[]; ip_assets: BundleIpAsset[] };
}

/** What a provider hands back: the records it prepared, the warnings of skipped records, and its log lines. */
export interface ConnectorCollection {
  hosts: BundleHost[];
  ipAssets: BundleIpAsset[];
  warnings: string[];
  /** Connected / collected / prepared lines (§0.6 items 1–3), in order. */
  log: string[];
  /** Extra lines the CLI prints instead of `log` (its wording differs slightly from the UI's, §1.6 / §2.7). */
  cliLines?: string[];
}

/** A hard failure of the remote side (connection, authentication, payload): the run fails with this message. */
export class ConnectorError extends Error {}

/**
 * One connector: a name, the option fields that are secrets, and `collect`, which talks to the remote system
 * and returns bundle records. Everything after that — bundle, dry-run, apply, jobs, CLI output — is the
 * framework's, so adding a connector is a provider + DTO + mapping. Its options DTO (validation + OpenAPI) is a
 * static `optionsType` of the class, so the API documentation can list every connector's options without an
 * instance (see `optionsTypeOf`).
 */
export interface ConnectorProvider<O extends object = object> {
  readonly name: string;
  /** `vCenter`, `Prometheus`: used in log lines and messages. */
  readonly label: string;
  /** Option fields never stored, logged or echoed (passwords, tokens). */
  readonly secretFields: readonly (keyof O & string)[];
  /** Lines only some connectors print (§0.6): the IP preview and the IP-assets summary line. */
  readonly reportsIpPreview: boolean;
  /** Prometheus adds a per-IP diff block to dry-runs (§2.6). */
  readonly reportsPerIpDiff: boolean;
  /** Per-entity summary lines after the totals (§0.6 items 6–7): none for vCenter. */
  readonly summaryEntities: readonly ('hosts' | 'ip_assets')[];
  /** The UI tab: its overview row, form fields and CLI example (rendered generically by the Connectors page). */
  readonly form: ConnectorForm;
  collect(options: O): Promise<ConnectorCollection>;
}

/** The options DTO of a provider: the static `optionsType` of its class. */
export function optionsTypeOf<O extends object>(provider: ConnectorProvider<O>): new () => O {
  return (provider.constructor as unknown as { optionsType: new () => O }).optionsType;
}

/** One input of a connector's UI form; `name` is the options field it fills. */
export interface ConnectorFormField {
  name: string;
  label: string;
  /** `secret` renders a password input that is never refilled; `asset-type` a select of the five types. */
  kind: 'text' | 'secret' | 'number' | 'asset-type' | 'checkbox';
  placeholder?: string;
  /** Takes two grid columns (URLs, queries). */
  wide?: boolean;
  mono?: boolean;
  min?: number;
  max?: number;
  /** The value a fresh form shows. */
  initial?: string;
}

export interface ConnectorForm {
  overview: { type: string; how: string };
  fields: readonly ConnectorFormField[];
  cliExample: string;
}

export type RunMode = ConnectorJobMode;
export const RUN_MODES: readonly RunMode[] = ['file', 'dry-run', 'apply'];

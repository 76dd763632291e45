import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import type { ConnectorFormField } from '../framework/connector';

/*
 * The UI form inputs the connectors share, one builder each beside the option decorators they fill
 * (connector-options.validators.ts), so a provider's `form.fields` reads as a list of calls and a shared input
 * (its label, kind, bounds, fresh value) is worded once. Labels that differ between connectors are arguments.
 */

type FieldLook = Pick<ConnectorFormField, 'placeholder' | 'wide' | 'mono' | 'initial'>;

/** A one-line text input. */
export const textField = (name: string, label: string, look: FieldLook = {}): ConnectorFormField => ({ name, label, kind: 'text', ...look });

/** The base URL of the remote API: a wide text input. */
export const urlField = (name: string, label: string, placeholder: string): ConnectorFormField => textField(name, label, { placeholder, wide: true });

/** A password input that is never refilled (passwords, tokens, API keys). */
export const secretField = (name: string, label: string, placeholder?: string): ConnectorFormField => ({ name, label, kind: 'secret', ...(placeholder ? { placeholder } : {}) });

/** A checkbox, unticked on a fresh form. */
export const checkboxField = (name: string, label: string): ConnectorFormField => ({ name, label, kind: 'checkbox' });

/** `asset_type`: a select of the five types; `fallback` as the options DTO defaults it. */
export const assetTypeField = (fallback: IpAssetType = IpAssetType.OTHER): ConnectorFormField => ({ name: 'asset_type', label: 'Asset type', kind: 'asset-type', initial: fallback });

export const projectNameField = (): ConnectorFormField => textField('project_name', 'Project name', { placeholder: 'Existing project (optional)' });

/** `tags`: comma-separated text; the placeholder shows typical tags of the connector. */
export const tagsField = (placeholder: string): ConnectorFormField => textField('tags', 'Tags', { placeholder });

/**
 * `note`: with `importedFrom` a wide input suggesting `Imported from <source>`; without, a plain input that
 * warns it overwrites existing notes.
 */
export const noteField = (importedFrom?: string): ConnectorFormField =>
  importedFrom ? textField('note', 'Note', { placeholder: `Imported from ${importedFrom}`, wide: true }) : textField('note', 'Note', { placeholder: 'Optional; overwrites existing notes' });

/** `timeout`: whole seconds within the bounds of `TimeoutOption`. */
export const timeoutField = (fallback = 30): ConnectorFormField => ({ name: 'timeout', label: 'Timeout (s)', kind: 'number', min: 1, max: 3600, initial: String(fallback) });

/** `port`: a TCP port, as `PortOption` bounds it. */
export const portField = (fallback: number): ConnectorFormField => ({ name: 'port', label: 'Port', kind: 'number', min: 1, max: 65535, initial: String(fallback) });

/** `insecure`: the checkbox that turns TLS verification off. */
export const insecureField = (label = 'Skip TLS verification'): ConnectorFormField => checkboxField('insecure', label);

/** `include_cluster_name_tag`: tag every address with the cluster name. */
export const clusterNameTagField = (label: string): ConnectorFormField => checkboxField('include_cluster_name_tag', label);

/** `include_label_tags`: tag every address with the labels of its node or host. */
export const labelTagsField = (label: string): ConnectorFormField => checkboxField('include_label_tags', label);

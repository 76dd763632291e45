import { addressOf } from './parsed-address';
import { isHexColor, normaliseAssetType, normaliseTag, TAG_NAME_MESSAGE } from './domain-rules';
import { ImportBundle, ImportIssue, issue } from './import-model';
import type { ExistingState } from './import-state';

const bundleNames = (items: readonly { name: string }[]) => new Set(items.map((i) => i.name.trim()).filter((n) => n !== ''));

/**
 * Checks the whole bundle against itself and the database and collects every error (import-export.md B.6),
 * in the order vendors, projects, hosts, IP assets, each in input order.
 */
export function validateBundle(bundle: ImportBundle, state: ExistingState): ImportIssue[] {
  const errors: ImportIssue[] = [];
  const vendors = bundleNames(bundle.vendors);
  const projects = bundleNames(bundle.projects);
  const hosts = bundleNames(bundle.hosts);

  for (const v of bundle.vendors) {
    if (v.name.trim() === '') errors.push(issue(v.location, 'Vendor name is required.'));
  }
  for (const p of bundle.projects) {
    if (p.name.trim() === '') errors.push(issue(p.location, 'Project name is required.'));
    if (p.color !== undefined && !isHexColor(p.color)) errors.push(issue(`${p.location}.color`, 'Color must be a hex value like #1a2b3c.'));
  }
  for (const h of bundle.hosts) {
    if (h.name.trim() === '') errors.push(issue(h.location, 'Host name is required.'));
    if (h.vendorName !== undefined && !vendors.has(h.vendorName) && !state.vendors.has(h.vendorName)) {
      errors.push(issue(`${h.location}.vendor_name`, 'Vendor does not exist.'));
    }
  }
  for (const a of bundle.ipAssets) {
    if (a.ipAddress.trim() === '') errors.push(issue(a.location, 'IP address is required.'));
    else if (!addressOf(a)) errors.push(issue(`${a.location}.ip_address`, 'Invalid IP address.'));
    if (a.type.trim() === '') errors.push(issue(`${a.location}.type`, 'Asset type is required.'));
    else if (!normaliseAssetType(a.type)) errors.push(issue(`${a.location}.type`, 'Invalid asset type. Use OS, BMC, VM, VIP, OTHER.'));
    if (a.projectName !== undefined && !projects.has(a.projectName) && !state.projects.has(a.projectName)) {
      errors.push(issue(`${a.location}.project_name`, 'Project does not exist.'));
    }
    if (a.hostName !== undefined && !hosts.has(a.hostName) && !state.hosts.has(a.hostName)) {
      errors.push(issue(`${a.location}.host_name`, 'Host does not exist.'));
    }
    for (const tag of a.tags ?? []) {
      if (normaliseTag(tag) === null) errors.push(issue(`${a.location}.tags`, TAG_NAME_MESSAGE));
    }
  }
  return errors;
}

import type { EntityManager } from 'typeorm';
import { addressOf } from './parsed-address';
import { HostImportWriter } from '../hosts/host-import.writer';
import { IpAssetImportWriter } from '../ip-assets/ip-asset-import.writer';
import { ProjectImportWriter } from '../projects/project-import.writer';
import { TagImportWriter } from '../tags/tag-import.writer';
import { VendorImportWriter } from '../vendors/vendor-import.writer';
import type { ImportBundle } from './import-model';
import type { ExistingState } from './import-state';

/** The domain writers the pipeline uses; plain classes so a worker thread can build them without Nest. */
export interface ImportWriters {
  vendors: VendorImportWriter;
  projects: ProjectImportWriter;
  hosts: HostImportWriter;
  tags: TagImportWriter;
  ipAssets: IpAssetImportWriter;
}

export const createImportWriters = (): ImportWriters => ({
  vendors: new VendorImportWriter(),
  projects: new ProjectImportWriter(),
  hosts: new HostImportWriter(),
  tags: new TagImportWriter(),
  ipAssets: new IpAssetImportWriter(),
});

const trimmed = (names: Iterable<string | undefined>): string[] => {
  const out = new Set<string>();
  for (const n of names) {
    const t = n?.trim();
    if (t) out.add(t);
  }
  return [...out];
};

/** Loads, in a few chunked queries, every existing row the bundle names or addresses. */
export async function loadExistingState(em: EntityManager, writers: ImportWriters, bundle: ImportBundle): Promise<ExistingState> {
  const vendorNames = trimmed([...bundle.vendors.map((v) => v.name), ...bundle.hosts.map((h) => h.vendorName)]);
  const projectNames = trimmed([...bundle.projects.map((p) => p.name), ...bundle.ipAssets.map((a) => a.projectName)]);
  const hostNames = trimmed([...bundle.hosts.map((h) => h.name), ...bundle.ipAssets.map((a) => a.hostName)]);
  const keys = new Set<string>();
  for (const a of bundle.ipAssets) {
    const parsed = addressOf(a);
    if (parsed) keys.add(parsed.key);
  }

  const vendors = await writers.vendors.findIdsByNames(em, vendorNames);
  const projects = await writers.projects.findByNames(em, projectNames);
  const hosts = await writers.hosts.findByNames(em, hostNames);
  const assets = await writers.ipAssets.findByKeys(em, [...keys]);
  return {
    vendors,
    projects: new Map(projects.map((p) => [p.name, { id: p.id, description: p.description, color: p.color }])),
    hosts: new Map(hosts.map((h) => [h.name, { id: h.id, notes: h.notes, vendorName: h.vendorName }])),
    ipAssets: new Map(assets.map((a) => [a.key, a])),
  };
}

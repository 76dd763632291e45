import type { IpAssetImportState } from '../ip-assets/ip-asset-import.writer';

/** What the database already holds for the names and addresses an import mentions (loaded in bulk). */
export type ExistingIpAsset = IpAssetImportState;

export interface ExistingProject {
  id: number;
  description: string | null;
  color: string;
}

export interface ExistingHost {
  id: number;
  notes: string | null;
  vendorName: string | null;
}

export interface ExistingState {
  vendors: Map<string, number>;
  projects: Map<string, ExistingProject>;
  hosts: Map<string, ExistingHost>;
  /** By sortable ip_key, so any spelling of an address finds its row. */
  ipAssets: Map<string, ExistingIpAsset>;
}

export const emptyState = (): ExistingState => ({ vendors: new Map(), projects: new Map(), hosts: new Map(), ipAssets: new Map() });

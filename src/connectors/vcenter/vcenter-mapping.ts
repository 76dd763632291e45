import type { BundleHost, BundleIpAsset } from '../framework/connector';
import { ipv4, isFirstSighting } from '../framework/parsing';

/** An ESXi host as read from vCenter: IP candidates in order (name, then VMkernel NIC addresses). */
export interface VcenterHost {
  moref: string;
  name: string;
  candidates: string[];
}

/** A VM: candidates `guest.ipAddress` then `guest.net[*].ipAddress[*]`; `hostMoref` from `runtime.host`. */
export interface VcenterVm {
  moref: string;
  name: string;
  candidates: string[];
  hostMoref?: string;
}

export interface VcenterMapping {
  hosts: BundleHost[];
  ipAssets: BundleIpAsset[];
  warnings: string[];
}

export const HOST_NOTE = 'Imported from vCenter host inventory.';

/** First candidate that is a valid IPv4 after trim; IPv6 and garbage are passed over; loopback is kept. */
const firstIpv4 = (candidates: readonly string[]): string | null => {
  for (const c of candidates) {
    const ip = ipv4(c);
    if (ip) return ip;
  }
  return null;
};

/** Morefs as the server numbers them (`host-9` before `host-10`): the answer's own order is not stable. */
export const byMoref = <T extends { moref: string }>(a: T, b: T) => a.moref.localeCompare(b.moref, 'en', { numeric: true });

/**
 * Inventory → bundle records (connectors.md §1.3–1.4): ESXi hosts become `hosts` plus an `OS` address tagged
 * `esxi` linked to the host; VMs become `VM` addresses with no host link. Hosts come first, first one wins.
 */
export function mapVcenterInventory(hostsIn: readonly VcenterHost[], vmsIn: readonly VcenterVm[]): VcenterMapping {
  const warnings: string[] = [];
  const hosts: BundleHost[] = [];
  const ipAssets: BundleIpAsset[] = [];
  const seen = new Set<string>();
  const hostNames = new Map<string, string>();

  for (const host of [...hostsIn].sort(byMoref)) {
    const name = host.name.trim();
    if (name) hostNames.set(host.moref, name);
    if (!name) {
      warnings.push('Skipped host without a name.');
      continue;
    }
    const ip = firstIpv4(host.candidates);
    if (!ip) {
      warnings.push(`Skipped host '${name}' because no IPv4 management IP was found.`);
      continue;
    }
    hosts.push({ name, notes: HOST_NOTE });
    if (isFirstSighting(seen, ip, `for host '${name}'`, warnings)) ipAssets.push({ ip_address: ip, type: 'OS', host_name: name, tags: ['esxi'], notes: `vCenter host: ${name}`, preserve_existing_notes: true, merge_tags: true, archived: false });
  }

  for (const vm of [...vmsIn].sort(byMoref)) {
    const name = vm.name.trim();
    if (!name) {
      warnings.push('Skipped VM without a name.');
      continue;
    }
    const ip = firstIpv4(vm.candidates);
    if (!ip) {
      warnings.push(`Skipped VM '${name}' because no IPv4 guest IP was found.`);
      continue;
    }
    if (!isFirstSighting(seen, ip, `for VM '${name}'`, warnings)) continue;
    const hostName = vm.hostMoref ? hostNames.get(vm.hostMoref) : undefined;
    ipAssets.push({ ip_address: ip, type: 'VM', notes: `vCenter VM: ${name}${hostName ? ` (host: ${hostName})` : ''}`, preserve_existing_notes: true, merge_tags: true, archived: false });
  }
  return { hosts, ipAssets, warnings };
}

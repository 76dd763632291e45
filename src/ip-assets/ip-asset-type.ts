import { IpAssetType } from './ip-asset.entity';

export const INVALID_TYPE_MESSAGE = 'Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.';

/** Legacy spellings still accepted on input and stored as BMC. Matching is case-sensitive, as in the original. */
const ALIASES: Record<string, IpAssetType> = { IPMI_ILO: IpAssetType.BMC, IPMI_iLO: IpAssetType.BMC };
const TYPES = new Set<string>(Object.values(IpAssetType));

/** The stored type for an input spelling, or null when it is not one. */
export function normaliseAssetType(raw: unknown): IpAssetType | null {
  if (typeof raw !== 'string') return null;
  if (TYPES.has(raw)) return raw as IpAssetType;
  return ALIASES[raw] ?? null;
}

// Public surface of the IP library; import from 'src/common/ip', not the files.
export type { IpVersion, ParsedIp } from './ip-address';
export { InvalidIpError, parseIp, canonicalIp, ipKey, ipFromKey, keyValue, formatIp } from './ip-address';
export type { Cidr } from './cidr';
export { InvalidCidrError, parseCidr, cidrContains, isReserved, bigToJson } from './cidr';

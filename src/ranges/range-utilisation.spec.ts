import { parseCidr } from '../common/ip';
import { utilisation, utilisationJson } from './range-utilisation';

describe('range utilisation (data.md §5, decision D6)', () => {
  it.each([
    ['10.0.0.0/24', 3, { total_usable: 254, used: 3, free: 251, utilisation_percent: 1.18 }],
    ['10.0.0.0/30', 2, { total_usable: 2, used: 2, free: 0, utilisation_percent: 100 }],
    ['10.0.0.0/31', 1, { total_usable: 2, used: 1, free: 1, utilisation_percent: 50 }],
    ['10.0.0.9/32', 0, { total_usable: 1, used: 0, free: 1, utilisation_percent: 0 }],
    ['2001:db8::/64', 2, { total_usable: '18446744073709551616', used: 2, free: '18446744073709551614', utilisation_percent: 0 }],
    ['::/0', 0, { total_usable: (2n ** 128n).toString(), used: 0, free: (2n ** 128n).toString(), utilisation_percent: 0 }],
  ])('%s with %i used', (cidr, used, expected) => {
    expect(utilisationJson(utilisation(parseCidr(cidr), used))).toEqual(expected);
  });
});

import { UnprocessableEntityException } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { parseIpAssetListQuery } from './ip-asset-list-query';
import { IpAssetType } from './ip-asset.entity';

describe('parseIpAssetListQuery', () => {
  it('keeps the original full list when no paging parameter is given', () => {
    expect(parseIpAssetListQuery({ project_id: '3', type: 'IPMI_ILO', 'unassigned-only': 'yes' })).toEqual({
      filters: expect.objectContaining({ projectId: 3, types: [IpAssetType.BMC], unassignedOnly: true }),
      rangeId: undefined,
      page: null,
    });
  });

  it('reads limit/offset, or page/per_page, with defaults', () => {
    expect(parseIpAssetListQuery({ limit: '10' }).page).toEqual({ limit: 10, offset: 0 });
    expect(parseIpAssetListQuery({ offset: '5' }).page).toEqual({ limit: 100, offset: 5 });
    expect(parseIpAssetListQuery({ page: '3' }).page).toEqual({ limit: 20, offset: 40 });
    expect(parseIpAssetListQuery({ page: '2', per_page: '50' }).page).toEqual({ limit: 50, offset: 50 });
  });

  it('collects repeatable and comma-separated tag filters, normalised', () => {
    const { filters } = parseIpAssetListQuery({ tag: 'Prod', tag_any: ['web,db'], tag_all: ['a', 'B'], tag_not: 'x' });
    expect(filters).toMatchObject({ tagAny: ['prod', 'web', 'db'], tagAll: ['a', 'b'], tagNot: ['x'] });
  });

  it('accepts project_id=unassigned and archived booleans', () => {
    expect(parseIpAssetListQuery({ project_id: 'unassigned', archived: 'TRUE' }).filters).toMatchObject({ projectId: 'unassigned', archived: true });
  });

  it.each([[{ limit: '1001' }], [{ limit: '0' }], [{ offset: '-1' }], [{ host_id: 'x' }], [{ archived: 'perhaps' }], [{ q: { $ne: 1 } }], [{ project_id: '1.5' }]])(
    'refuses %j with the 422 array form',
    (query) => {
      expect(() => parseIpAssetListQuery(query)).toThrow(UnprocessableEntityException);
    },
  );

  it('refuses unknown types with the original string detail', () => {
    expect(() => parseIpAssetListQuery({ type: ['VM', 'vm'] })).toThrow(new DomainError('INVALID', 'Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.'));
  });
});

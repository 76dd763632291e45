import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SdQueryDto, splitList } from './sd-query.dto';

function parse(query: Record<string, unknown>): { dto: SdQueryDto; invalid: string[] } {
  const dto = plainToInstance(SdQueryDto, query);
  return { dto, invalid: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property) };
}

describe('splitList', () => {
  it('splits repeated and comma-separated values, trims them and drops empties', () => {
    expect(splitList('a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(splitList(['a', ' b ,c', '', ','])).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });

  it('leaves non-text input alone so validation refuses it', () => {
    expect(splitList({ x: 'a' })).toEqual({ x: 'a' });
  });
});

describe('SdQueryDto', () => {
  it('defaults to port 9100, all assets, no filters, one group', () => {
    const { dto, invalid } = parse({});
    expect(invalid).toEqual([]);
    expect(dto).toMatchObject({ port: 9100, only_assigned: false, project: [], type: [], group_by: 'none' });
  });

  it('reads the boolean words of api.md §0 in any case', () => {
    for (const word of ['1', 'true', 'T', 'yes', 'Y', 'ON']) expect(parse({ only_assigned: word }).dto.only_assigned).toBe(true);
    for (const word of ['0', 'FALSE', 'f', 'No', 'n', 'off']) expect(parse({ only_assigned: word }).dto.only_assigned).toBe(false);
    for (const word of ['', 'maybe', '2', 'yess']) expect(parse({ only_assigned: word }).invalid).toEqual(['only_assigned']);
  });

  it('accepts whole ports 1..65535 only', () => {
    expect(parse({ port: '65535' }).dto.port).toBe(65535);
    for (const port of ['0', '65536', '-1', '1e3', '80.0', 'x', '', '99999999999']) expect(parse({ port }).invalid).toEqual(['port']);
  });

  it('takes the last of repeated scalar values', () => {
    expect(parse({ port: ['1', '2'], group_by: ['none', 'project'] }).dto).toMatchObject({ port: 2, group_by: 'project' });
  });

  it('accepts only none and project for group_by', () => {
    expect(parse({ group_by: 'project' }).invalid).toEqual([]);
    expect(parse({ group_by: 'PROJECT' }).invalid).toEqual(['group_by']);
  });
});

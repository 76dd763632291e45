import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { AssetTypeOption, HttpUrlOption, NoteOption, SwitchOption, TagsOption, TimeoutOption } from './connector-options.validators';

class SampleOptions {
  @HttpUrlOption('Sample URL', { example: 'https://sample.example' })
  url: string;

  @AssetTypeOption(IpAssetType.OS)
  asset_type: IpAssetType = IpAssetType.OS;

  @TagsOption()
  tags?: string[];

  @NoteOption()
  note?: string;

  @TimeoutOption('seconds')
  timeout: number = 30;

  @SwitchOption('skip verification')
  insecure: boolean = false;
}

async function check(body: object): Promise<{ options: SampleOptions; messages: Record<string, string[]> }> {
  const options = plainToInstance(SampleOptions, body, { exposeDefaultValues: true });
  const errors = await validate(options);
  return { options, messages: Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})])) };
}

describe('shared connector option decorators', () => {
  it('apply defaults, trim notes and split comma-separated tags', async () => {
    const { options, messages } = await check({ url: ' https://x.example ', tags: ' a, b ,, c', note: '  hello  ', timeout: '12' });
    expect(messages).toEqual({});
    expect(options).toMatchObject({ url: 'https://x.example', asset_type: 'OS', tags: ['a', 'b', 'c'], note: 'hello', timeout: 12, insecure: false });
  });

  it('word a missing or empty URL as required only, and a bad one as a bad URL', async () => {
    expect((await check({})).messages).toEqual({ url: ['Sample URL is required.', 'Sample URL is required.'] });
    expect((await check({ url: '  ' })).messages).toEqual({ url: ['Sample URL is required.'] });
    expect((await check({ url: 'ftp://x.example' })).messages).toEqual({ url: ['Sample URL must be an http:// or https:// URL without credentials.'] });
    expect((await check({ url: 'https://user:pw@x.example' })).messages.url).toEqual(['Sample URL must be an http:// or https:// URL without credentials.']);
    expect((await check({ url: `https://x.example/${'a'.repeat(2000)}` })).messages).toEqual({ url: ['url must be shorter than or equal to 2000 characters'] });
  });

  it('keep the messages of the original for asset type, timeout and switches', async () => {
    const { messages } = await check({ url: 'https://x.example', asset_type: 'PC', timeout: 0, insecure: 'yes', tags: [1] });
    expect(messages.asset_type).toEqual(['Asset type must be one of OS, BMC, VM, VIP, OTHER.']);
    expect(messages.timeout).toEqual(['Timeout must be a positive integer.']);
    expect(messages.insecure).toEqual(['insecure must be a boolean value']);
    expect(messages.tags).toEqual(['each value in tags must be a string']);
    expect((await check({ url: 'https://x.example', timeout: 'abc' })).messages.timeout).toContain('Timeout must be a positive integer.');
    expect((await check({ url: 'https://x.example', timeout: 3601 })).messages.timeout).toEqual(['timeout must not be greater than 3600']);
  });
});

import { publicOptions, scrub, scrubDeep } from './secrets';

describe('secret scrubbing', () => {
  it('masks a secret and the forms it travels in', () => {
    const secret = 'user:s3cr3t&pw';
    const text = `a ${secret} b ${Buffer.from(secret).toString('base64')} c s3cr3t&pw d s3cr3t&amp;pw e ${encodeURIComponent(secret)}`;
    expect(scrub(text, [secret])).toBe('a *** b *** c *** d *** e ***');
  });

  it('leaves keys and structure alone and ignores secrets too short to mask', () => {
    const value = { summary: { ip_assets: 1 }, log: ['password hunter22 used'], n: 3 };
    expect(scrubDeep(value, ['hunter22'])).toEqual({ summary: { ip_assets: 1 }, log: ['password *** used'], n: 3 });
    expect(scrubDeep(value, ['p'])).toEqual(value);
  });

  it('blanks secret fields of stored options', () => {
    expect(publicOptions({ server: 'vc', password: 'x', token: '' }, ['password', 'token'])).toEqual({ server: 'vc', password: '', token: '' });
  });
});

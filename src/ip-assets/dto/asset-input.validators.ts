import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { normaliseAssetType } from '../ip-asset-type';

/** `tags` may be a list of strings or one comma-separated string (api.md §2.2); names are checked by the service. */
export function IsTagsInput(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTagsInput',
      target: target.constructor,
      propertyName,
      options: { message: 'Tags must be a list or comma-separated string.', ...options },
      validator: {
        validate: (value: unknown) =>
          value === null || value === undefined || typeof value === 'string' || (Array.isArray(value) && value.length <= 1000 && value.every((v) => typeof v === 'string')),
      },
    });
}

/** Maps the legacy spellings `IPMI_ILO`/`IPMI_iLO` to BMC before the enum check runs. */
export const AssetTypeAlias = () => Transform(({ value }) => normaliseAssetType(value) ?? value);

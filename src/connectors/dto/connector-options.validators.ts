import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { splitUserTags } from '../framework/parsing';

/*
 * The option fields every connector shares, one decorator each, so the six options DTOs declare a field in one
 * line and its validation messages and OpenAPI schema cannot drift apart between connectors.
 */

/** An absolute http:// or https:// URL without credentials (secrets go in their own fields, never in a URL). */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/** Tags as a JSON list or as the UI's comma-separated text; split, trimmed, empties dropped (§0.5). */
export const TagsInput = () =>
  Transform(({ value }) => (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? splitUserTags(value) : value));

/** Trims text fields so `"  "` counts as not given. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/**
 * The decorators as they would be written stacked above a field, top to bottom. TypeScript applies stacked
 * decorators bottom-up and class-validator reports constraints in registration order, so this keeps the order
 * of the messages a field had when its decorators were written out.
 */
const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...[...decorators].reverse());

const ASSET_TYPES = Object.values(IpAssetType);

/** `asset_type`: one of the five types; `fallback` is the connector's default (OS for Kubernetes nodes). */
export const AssetTypeOption = (fallback: IpAssetType = IpAssetType.OTHER) =>
  stacked(ApiPropertyOptional({ enum: ASSET_TYPES, default: fallback }), IsOptional(), IsIn(ASSET_TYPES, { message: 'Asset type must be one of OS, BMC, VM, VIP, OTHER.' }));

/** Optional trimmed text of at most `maxLength` characters. */
export const OptionalTextOption = (description: string, maxLength: number) => stacked(ApiPropertyOptional({ description }), IsOptional(), Trimmed(), IsString(), MaxLength(maxLength));

/** `project_name`: an existing project (the importer refuses an unknown one). */
export const ProjectNameOption = () => OptionalTextOption('an existing project; new addresses get it, existing ones move to it', 200);

/** `note`: written on every address with `notes_provided`, so it overwrites an existing note (§0.4). */
export const NoteOption = (description = 'note written on every address (overwrites an existing note)') => OptionalTextOption(description, 2000);

/** `tags`: a list or comma-separated text; the description says whether they merge or replace (§0.4). */
export const TagsOption = (description = 'list, or comma-separated text; merged into the tags of existing addresses') =>
  stacked(ApiPropertyOptional({ type: [String], description }), IsOptional(), TagsInput(), IsString({ each: true }));

const TIMEOUT_MESSAGE = 'Timeout must be a positive integer.';

/** `timeout`: whole seconds, 1 to 3600; form and CLI hand it over as text. */
export const TimeoutOption = (description: string, fallback = 30) =>
  stacked(
    ApiPropertyOptional({ default: fallback, minimum: 1, maximum: 3600, description }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: TIMEOUT_MESSAGE }),
    Min(1, { message: TIMEOUT_MESSAGE }),
    Max(3600),
  );

const PORT_MESSAGE = 'Port must be a valid number between 1 and 65535.';

/** `port`: a TCP port; form and CLI hand it over as text. */
export const PortOption = (fallback: number, description?: string) =>
  stacked(
    ApiPropertyOptional({ default: fallback, minimum: 1, maximum: 65535, ...(description ? { description } : {}) }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: PORT_MESSAGE }),
    Min(1, { message: PORT_MESSAGE }),
    Max(65535, { message: PORT_MESSAGE }),
  );

/** A checkbox option (`insecure`, `include_*_tag(s)`): false unless set. */
export const SwitchOption = (description: string) => stacked(ApiPropertyOptional({ default: false, description }), IsOptional(), IsBoolean());

/**
 * MaxLength for a required field: a missing value is left to the field's "is required" message instead of
 * also being called too long.
 */
const RequiredLength = (max: number) =>
  ValidateBy({
    name: 'maxLength',
    constraints: [max],
    validator: { validate: (v: unknown) => typeof v !== 'string' || v.length <= max, defaultMessage: (args?: ValidationArguments) => `${args?.property} must be shorter than or equal to ${max} characters` },
  });

export interface RequiredTextSpec {
  /** `Ceph username is required.`: for a missing, non-text or (after trimming) empty value. */
  required: string;
  maxLength: number;
  /** Passwords are taken as given; everything else is trimmed. */
  trim?: boolean;
  /** A format check that runs only on given text (so an empty value gets just the `required` message). */
  format?: { name: string; validate: (value: string) => boolean; message: string };
}

/** A required text option: `api` is its OpenAPI description (example, writeOnly…). */
export const RequiredTextOption = (api: ApiPropertyOptions, spec: RequiredTextSpec) =>
  stacked(
    ApiProperty(api),
    ...(spec.trim === false ? [] : [Trimmed()]),
    IsString({ message: spec.required }),
    IsNotEmpty({ message: spec.required }),
    ...(spec.format ? [formatCheck(spec.format)] : []),
    RequiredLength(spec.maxLength),
  );

const formatCheck = (format: NonNullable<RequiredTextSpec['format']>) =>
  ValidateBy({ name: format.name, validator: { validate: (v: unknown) => typeof v !== 'string' || v === '' || format.validate(v) } }, { message: format.message });

/** The base URL of a connector's remote API (`Prometheus URL`, `Ceph Dashboard URL`…). */
export const HttpUrlOption = (label: string, api: ApiPropertyOptions) =>
  RequiredTextOption(api, { required: `${label} is required.`, maxLength: 2000, format: { name: 'isHttpUrl', validate: isHttpUrl, message: `${label} must be an http:// or https:// URL without credentials.` } });

import { X509Certificate } from 'node:crypto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, MaxLength, ValidateBy } from 'class-validator';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { ConnectorRunDto } from '../dto/connector-run.dto';
import { AssetTypeOption, HttpUrlOption, NoteOption, OptionalTextOption, ProjectNameOption, RequiredTextOption, SwitchOption, TagsOption, TimeoutOption } from '../dto/connector-options.validators';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/**
 * PEM certificates re-wrapped in 64-character lines. A one-line text input drops the line breaks of a pasted
 * PEM, so the base64 between the markers is re-flowed; '' when the text holds no certificate block.
 */
export function normalisePem(value: string): string {
  const blocks = [...value.matchAll(PEM_BLOCK)].map((m) => m[1].replace(/\s+/g, ''));
  return blocks.map((b) => `-----BEGIN CERTIFICATE-----\n${b.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`).join('');
}

/** Every certificate block of the text parses as an X.509 certificate. */
export function isPemCertificates(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  const blocks = value.match(PEM_BLOCK) ?? [];
  try {
    return blocks.length > 0 && blocks.every((b) => new X509Certificate(b) !== null);
  } catch {
    return false;
  }
}

/** Options of a Kubernetes run (connectors.md §4.5, plus the `ca_cert` of the issue); `token` is a secret. */
export class KubernetesOptionsDto extends ConnectorRunDto {
  @HttpUrlOption('Kubernetes API URL', { example: 'https://k8s.example:6443', description: 'API server base URL' })
  api_url: string;

  @RequiredTextOption(
    { writeOnly: true, description: 'bearer token of a service account allowed to list nodes; never stored' },
    { required: 'Kubernetes bearer token is required.', maxLength: 20_000 },
  )
  token: string;

  @AssetTypeOption(IpAssetType.OS)
  asset_type: IpAssetType = IpAssetType.OS;

  @ProjectNameOption()
  project_name?: string;

  @TagsOption()
  tags?: string[];

  @OptionalTextOption('cluster name for the cluster tag (a NodeList does not carry one)', 200)
  cluster_name?: string;

  @NoteOption()
  note?: string;

  @ApiPropertyOptional({ description: 'PEM of the CA that signed the API server certificate, trusted instead of the system CAs' })
  @IsOptional()
  @Transform(({ value }) => (typeof value !== 'string' ? value : value.trim() === '' ? undefined : normalisePem(value) || value))
  @ValidateBy({ name: 'isPemCertificates', validator: { validate: isPemCertificates } }, { message: 'CA certificate must be PEM text (-----BEGIN CERTIFICATE----- …).' })
  @MaxLength(200_000)
  ca_cert?: string;

  @SwitchOption('skip TLS certificate and host name verification')
  insecure: boolean = false;

  @SwitchOption('tag every address with the normalised cluster name')
  include_cluster_name_tag: boolean = false;

  @SwitchOption('tag every address with `<label key>-<label value>` of its node')
  include_label_tags: boolean = false;

  @TimeoutOption('seconds per request')
  timeout: number = 30;
}

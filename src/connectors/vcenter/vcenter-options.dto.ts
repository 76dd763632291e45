import { ConnectorRunDto } from '../dto/connector-run.dto';
import { isHttpUrl, PortOption, RequiredTextOption, SwitchOption, TimeoutOption } from '../dto/connector-options.validators';

/** A host name, an IP literal (IPv6 with or without brackets) or an http(s):// URL; nothing else. */
export function isServerAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text.includes('://')) return isHttpUrl(text);
  return /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]*:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)$/.test(text);
}

/** Options of a vCenter run (connectors.md §1.5); `password` is a secret. */
export class VcenterOptionsDto extends ConnectorRunDto {
  @RequiredTextOption(
    { example: 'vcenter.example.com', description: 'host name or IP (https://…/sdk is used), or an http(s):// base URL' },
    { required: 'vCenter server is required.', maxLength: 500, format: { name: 'isServerAddress', validate: isServerAddress, message: 'vCenter server must be a host name, an IP address or an http(s):// URL.' } },
  )
  server: string;

  @RequiredTextOption({ example: 'administrator@vsphere.local' }, { required: 'vCenter username is required.', maxLength: 500 })
  username: string;

  @RequiredTextOption({ writeOnly: true, description: 'used for the Login call only; never stored' }, { required: 'vCenter password is required.', maxLength: 1000, trim: false })
  password: string;

  @PortOption(443)
  port: number = 443;

  @SwitchOption('skip TLS certificate verification')
  insecure: boolean = false;

  @TimeoutOption('seconds per SOAP request', 120)
  timeout: number = 120;
}

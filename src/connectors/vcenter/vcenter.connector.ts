import { Injectable } from '@nestjs/common';
import { ConnectorCollection, ConnectorError, ConnectorForm, ConnectorProvider } from '../framework/connector';
import { insecureField, portField, secretField, textField, timeoutField, urlField } from '../dto/connector-form-fields';
import { VCENTER_CLI } from './vcenter.cli';
import { RemoteCallError } from '../framework/remote-http';
import { childrenNamed, pathText, XmlNode } from './soap-xml';
import { ObjectContent, SoapFault, VsphereSoapClient } from './vsphere-soap.client';
import { mapVcenterInventory, VcenterHost, VcenterVm } from './vcenter-mapping';
import { VcenterOptionsDto } from './vcenter-options.dto';

/** `https://server:port/sdk`, or the given http(s) base URL + `/sdk`. */
export function sdkUrl(server: string, port: number): URL {
  const text = server.trim();
  if (text.includes('://')) {
    const url = new URL(text);
    if (!url.port && port !== 443) url.port = String(port);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/sdk`;
    return url;
  }
  const host = text.includes(':') && !text.startsWith('[') ? `[${text}]` : text;
  return new URL(`https://${host}:${port}/sdk`);
}

const HOST_PATHS = ['name', 'config.network.vnic'];
const VM_PATHS = ['name', 'guest.ipAddress', 'guest.net', 'runtime.host'];

/** `config.network.vnic` → the VMkernel NIC addresses in NIC order. */
export function vnicAddresses(val: XmlNode | undefined): string[] {
  return childrenNamed(val, 'HostVirtualNic')
    .map((nic) => pathText(nic, 'spec/ip/ipAddress'))
    .filter((ip): ip is string => ip !== undefined);
}

/** `guest.net` → every `ipAddress` of every guest NIC, in order. */
export function guestAddresses(val: XmlNode | undefined): string[] {
  return childrenNamed(val, 'GuestNicInfo').flatMap((nic) => childrenNamed(nic, 'ipAddress').map((ip) => ip.text));
}

export function toHost(o: ObjectContent): VcenterHost {
  return { moref: o.obj.value, name: o.props.get('name')?.text ?? '', candidates: [o.props.get('name')?.text ?? '', ...vnicAddresses(o.props.get('config.network.vnic'))] };
}

export function toVm(o: ObjectContent): VcenterVm {
  const primary = o.props.get('guest.ipAddress')?.text;
  return {
    moref: o.obj.value,
    name: o.props.get('name')?.text ?? '',
    candidates: [...(primary ? [primary] : []), ...guestAddresses(o.props.get('guest.net'))],
    hostMoref: o.props.get('runtime.host')?.text || undefined,
  };
}

/**
 * Reads ESXi hosts and VMs over the vSphere Web Services API (connectors.md §1.2 option B):
 * RetrieveServiceContent → Login → CreateContainerView → RetrievePropertiesEx (+ Continue…) → DestroyView → Logout.
 *
 * Deliberate difference: `summary.managementServerIp` is not an IP candidate. It is the address of the vCenter
 * managing the host, so the original gave that address to the first host registered by DNS name.
 */
@Injectable()
export class VcenterConnector implements ConnectorProvider<VcenterOptionsDto> {
  readonly name = 'vcenter';
  readonly label = 'vCenter';
  static readonly optionsType = VcenterOptionsDto;
  readonly secretFields = ['password'] as const;
  readonly reportsIpPreview = false;
  readonly reportsPerIpDiff = false;
  readonly summaryEntities = [] as const;
  static readonly cli = VCENTER_CLI;
  readonly form: ConnectorForm = {
    overview: { type: 'Inventory import (VMs and ESXi hosts over the vSphere API)', how: 'Server, user and password; dry-run first, then apply.' },
    fields: [
      urlField('server', 'Server', 'vcenter.example.com'),
      textField('username', 'Username'),
      secretField('password', 'Password'),
      portField(443),
      timeoutField(120),
      insecureField(),
    ],
    cliExample: 'ipocket connector vcenter --server vcenter.example.com --username administrator@vsphere.local --password-stdin --mode dry-run',
  };

  async collect(options: VcenterOptionsDto): Promise<ConnectorCollection> {
    const server = options.server.trim();
    const client = new VsphereSoapClient(sdkUrl(server, options.port ?? 443), options.insecure === true, (options.timeout ?? 120) * 1000);
    const failed = (error: unknown) => {
      const reason = error instanceof SoapFault || error instanceof RemoteCallError || error instanceof Error ? error.message : String(error);
      return new ConnectorError(`Failed to connect to vCenter '${server}': ${reason}`);
    };
    try {
      let content;
      try {
        content = await client.retrieveServiceContent();
        await client.login(content.sessionManager, options.username.trim(), options.password);
      } catch (error) {
        throw failed(error);
      }
      try {
        const view = await client.createContainerView(content.viewManager, content.rootFolder, ['HostSystem', 'VirtualMachine']);
        const objects = await client.retrieveAll(content.propertyCollector, view, { HostSystem: HOST_PATHS, VirtualMachine: VM_PATHS });
        await client.destroyView(view).catch(() => undefined);
        const hosts = objects.filter((o) => o.obj.type === 'HostSystem').map(toHost);
        const vms = objects.filter((o) => o.obj.type === 'VirtualMachine').map(toVm);
        const mapped = mapVcenterInventory(hosts, vms);
        return {
          hosts: mapped.hosts,
          ipAssets: mapped.ipAssets,
          warnings: mapped.warnings,
          log: [`Connected to vCenter '${server}'.`, `Collected ${hosts.length} hosts and ${vms.length} VMs.`, `Prepared bundle with ${mapped.ipAssets.length} IP assets.`],
          cliLines: [`Collected ${hosts.length} hosts and ${vms.length} VMs from vCenter`],
        };
      } catch (error) {
        throw new ConnectorError(`Failed to read the vCenter inventory from '${server}': ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await client.logout(content.sessionManager).catch(() => undefined);
      }
    } finally {
      client.close();
    }
  }
}

import { readStdin } from '../../cli/read-stdin';
import { ConnectorCliSpec, UsageError } from '../framework/connector-cli';
import { insecureFlag } from '../framework/connector-flags';

/** `ipocket connector vcenter` (connectors.md §1.6), plus `--password-stdin` to keep the password out of `ps`. */
export const VCENTER_CLI: ConnectorCliSpec = {
  name: 'vcenter',
  description: 'import ESXi hosts and VM guest addresses from vCenter (SOAP /sdk)',
  family: 'classic',
  flags: [
    { flags: '--server <host>', field: 'server', required: true, description: 'vCenter host name or IP (required)' },
    { flags: '--username <name>', field: 'username', required: true, description: 'vCenter user (required)' },
    { flags: '--password <password>', field: 'password', description: 'vCenter password (visible in the process list: prefer --password-stdin)' },
    { flags: '--password-stdin', description: 'read the password from standard input' },
    { flags: '--port <port>', field: 'port', description: 'HTTPS port (default 443)' },
    insecureFlag(),
  ],
  prepare: async (flags, body) => {
    if (body.password === undefined && flags.passwordStdin === true) body.password = await readStdin();
    if (body.password === undefined) throw new UsageError('the following arguments are required: --password');
  },
};

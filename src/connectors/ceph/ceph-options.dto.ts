import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { ConnectorRunDto } from '../dto/connector-run.dto';
import { AssetTypeOption, HttpUrlOption, NoteOption, ProjectNameOption, RequiredTextOption, SwitchOption, TagsOption, TimeoutOption } from '../dto/connector-options.validators';

/** Options of a Ceph Dashboard run (connectors.md §5.5); `password` is a secret. */
export class CephOptionsDto extends ConnectorRunDto {
  @HttpUrlOption('Ceph Dashboard URL', { example: 'https://ceph-mgr.example:8443', description: 'Dashboard base URL; `/api/auth` and `/api/host` are appended' })
  ceph_url: string;

  @RequiredTextOption({ example: 'ipocket-reader', description: 'a Dashboard user with read access to hosts' }, { required: 'Ceph username is required.', maxLength: 500 })
  username: string;

  @RequiredTextOption({ writeOnly: true, description: 'used for `POST /api/auth` only; never stored' }, { required: 'Ceph password is required.', maxLength: 1000, trim: false })
  password: string;

  @AssetTypeOption()
  asset_type: IpAssetType = IpAssetType.OTHER;

  @ProjectNameOption()
  project_name?: string;

  @TagsOption()
  tags?: string[];

  @NoteOption('note for every address (overwrites an existing note); empty = none')
  note?: string;

  @SwitchOption('skip TLS certificate verification')
  insecure: boolean = false;

  @SwitchOption('tag every address with the normalised cluster name (when the payload has one)')
  include_cluster_name_tag: boolean = false;

  @SwitchOption('tag every address with its host labels (`_admin`, `mon`, `osd`…)')
  include_label_tags: boolean = false;

  @TimeoutOption('seconds for each of the two requests')
  timeout: number = 30;
}

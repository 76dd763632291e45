import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { SdTargetIndex1764219600000 } from './1764219600000-sd-target-index';
import { ConnectorJobHeartbeat1764400000000 } from './1764400000000-connector-job-heartbeat';
import { ListFilterIndex1764410000000 } from './1764410000000-list-filter-index';
import { SdProjectIndex1764420000000 } from './1764420000000-sd-project-index';
import { AssetTagNames1764430000000 } from './1764430000000-asset-tag-names';

/** Every migration in order. Listed explicitly so the same array serves ts-jest, the build and the CLI. */
export const MIGRATIONS = [InitialSchema1764201600000, SdTargetIndex1764219600000, ConnectorJobHeartbeat1764400000000, ListFilterIndex1764410000000, SdProjectIndex1764420000000, AssetTagNames1764430000000];

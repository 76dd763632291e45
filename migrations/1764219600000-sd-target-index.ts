import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialect } from './dialect';

/**
 * A covering index for /sd/node: it reads every active asset in ip_key order and needs only the address,
 * type and project. Without it SQLite follows the (archived, ip_key) index with one table lookup per
 * asset, which doubles the time of a 100k-asset discovery.
 */
export class SdTargetIndex1764219600000 implements MigrationInterface {
  name = 'SdTargetIndex1764219600000';

  async up(q: QueryRunner): Promise<void> {
    const d = dialect(q);
    await q.query(
      d.pg
        ? `CREATE INDEX ix_ip_assets_sd_targets ON ip_assets (archived, ip_key) INCLUDE (ip_address, type, project_id)`
        : `CREATE INDEX ix_ip_assets_sd_targets ON ip_assets (archived, ip_key, ip_address, type, project_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_ip_assets_sd_targets`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `connector_jobs.heartbeat_at`: the last time the process running a job said it was still alive (UTC text,
 * database clock). Several app instances may share one PostgreSQL database; a starting instance fails only the
 * jobs whose heartbeat went stale, not the ones another live instance is running. Rows written before this
 * migration have no heartbeat and count as stale.
 */
export class ConnectorJobHeartbeat1764400000000 implements MigrationInterface {
  name = 'ConnectorJobHeartbeat1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connector_jobs ADD COLUMN heartbeat_at TEXT`);
    await q.query(`CREATE INDEX ix_connector_jobs_state ON connector_jobs (state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_connector_jobs_state`);
    await q.query(`ALTER TABLE connector_jobs DROP COLUMN heartbeat_at`);
  }
}

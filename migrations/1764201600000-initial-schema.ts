import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialect } from './dialect';

/**
 * The schema of data.md, plus: canonical address sort keys (decision D1), IPv4/IPv6 range bounds (D2),
 * hashed session tokens with last use (A4), and persisted connector jobs.
 */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    const d = dialect(q);
    const statements = [
      `CREATE TABLE projects (
        id ${d.id},
        name ${d.bytewise} NOT NULL CONSTRAINT uq_projects_name UNIQUE,
        description TEXT,
        color TEXT NOT NULL DEFAULT '#94a3b8'
      )`,
      `CREATE TABLE vendors (
        id ${d.id},
        name ${d.bytewise} NOT NULL CONSTRAINT uq_vendors_name UNIQUE,
        created_at ${d.now},
        updated_at ${d.now}
      )`,
      `CREATE TABLE hosts (
        id ${d.id},
        name ${d.bytewise} NOT NULL CONSTRAINT uq_hosts_name UNIQUE,
        notes TEXT,
        vendor_id INTEGER REFERENCES vendors(id) ON DELETE SET NULL,
        created_at ${d.now},
        updated_at ${d.now}
      )`,
      `CREATE INDEX ix_hosts_vendor_id ON hosts (vendor_id)`,
      `CREATE TABLE tags (
        id ${d.id},
        name ${d.bytewise} NOT NULL CONSTRAINT uq_tags_name UNIQUE,
        color TEXT NOT NULL DEFAULT '#e2e8f0',
        created_at ${d.now},
        updated_at ${d.now}
      )`,
      `CREATE TABLE ip_assets (
        id ${d.id},
        ip_address TEXT NOT NULL CONSTRAINT uq_ip_assets_ip_address UNIQUE,
        ip_key ${d.key} NOT NULL CONSTRAINT uq_ip_assets_ip_key UNIQUE,
        type TEXT NOT NULL CONSTRAINT ck_ip_assets_type CHECK (type IN ('VM','OS','BMC','VIP','OTHER')),
        project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
        host_id INTEGER REFERENCES hosts(id) ON DELETE SET NULL,
        notes TEXT,
        archived ${d.bool(false)},
        created_at ${d.now},
        updated_at ${d.now}
      )`,
      `CREATE INDEX ix_ip_assets_archived_ip_key ON ip_assets (archived, ip_key)`,
      `CREATE INDEX ix_ip_assets_archived_project_key ON ip_assets (archived, project_id, ip_key)`,
      `CREATE INDEX ix_ip_assets_archived_type_key ON ip_assets (archived, type, ip_key)`,
      `CREATE INDEX ix_ip_assets_host_id ON ip_assets (host_id)`,
      `CREATE TABLE ip_asset_tags (
        ip_asset_id INTEGER NOT NULL REFERENCES ip_assets(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (ip_asset_id, tag_id)
      )`,
      `CREATE INDEX ix_ip_asset_tags_tag_id_ip_asset_id ON ip_asset_tags (tag_id, ip_asset_id)`,
      `CREATE TABLE ip_ranges (
        id ${d.id},
        name ${d.bytewise} NOT NULL,
        cidr TEXT NOT NULL CONSTRAINT uq_ip_ranges_cidr UNIQUE,
        first_key ${d.key} NOT NULL,
        last_key ${d.key} NOT NULL,
        notes TEXT,
        created_at ${d.now},
        updated_at ${d.now}
      )`,
      `CREATE TABLE users (
        id ${d.id},
        username ${d.bytewise} NOT NULL CONSTRAINT uq_users_username UNIQUE,
        hashed_password TEXT NOT NULL,
        role TEXT NOT NULL CONSTRAINT ck_users_role CHECK (role IN ('Viewer','Editor','Admin')),
        is_active ${d.bool(true)},
        created_at ${d.now},
        updated_at ${d.now}
      )`,
      `CREATE TABLE sessions (
        id ${d.id},
        token TEXT NOT NULL CONSTRAINT uq_sessions_token UNIQUE,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at ${d.now},
        last_used_at ${d.now}
      )`,
      `CREATE INDEX ix_sessions_user_id ON sessions (user_id)`,
      `CREATE TABLE audit_logs (
        id ${d.id},
        user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        username TEXT,
        target_type TEXT NOT NULL,
        target_id INTEGER NOT NULL,
        target_label TEXT NOT NULL,
        action TEXT NOT NULL,
        changes TEXT,
        created_at ${d.now}
      )`,
      `CREATE INDEX ix_audit_logs_created_at_id ON audit_logs (created_at, id)`,
      `CREATE INDEX ix_audit_logs_target ON audit_logs (target_type, target_id)`,
      `CREATE TABLE connector_jobs (
        id ${d.id},
        connector TEXT NOT NULL,
        mode TEXT NOT NULL CONSTRAINT ck_connector_jobs_mode CHECK (mode IN ('file','dry-run','apply')),
        state TEXT NOT NULL CONSTRAINT ck_connector_jobs_state CHECK (state IN ('queued','running','succeeded','failed')),
        requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
        requested_by_username TEXT,
        created_at ${d.now},
        started_at TEXT,
        finished_at TEXT,
        log TEXT NOT NULL DEFAULT '',
        result TEXT
      )`,
      `CREATE INDEX ix_connector_jobs_connector_id ON connector_jobs (connector, id)`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['connector_jobs', 'audit_logs', 'sessions', 'users', 'ip_ranges', 'ip_asset_tags', 'ip_assets', 'tags', 'hosts', 'vendors', 'projects']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}

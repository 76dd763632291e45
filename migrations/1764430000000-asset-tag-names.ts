import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialect } from './dialect';

/** An asset's tag names, sorted bytewise and joined by ", " (the ip-assets.csv form); NULL when it has none. */
const tagNamesOf = (assetId: string) => `(SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM ip_asset_tags l JOIN tags t ON t.id = l.tag_id WHERE l.ip_asset_id = ${assetId})`;

/**
 * `ip_assets.tag_names`: each asset's tag list kept by the database itself. The CSV export aggregated and sorted
 * every asset's tags in a subquery, which was half its time at 100k assets; with the list stored, an export row
 * is one index read. Triggers keep it right on every path that changes links or tag names (API, UI, bulk edit,
 * imports in their worker thread, cascades when a tag or asset is deleted), so no service has to remember it.
 * The JSON export still reads the link table, and tests compare the two.
 */
export class AssetTagNames1764430000000 implements MigrationInterface {
  name = 'AssetTagNames1764430000000';

  async up(q: QueryRunner): Promise<void> {
    const d = dialect(q);
    await q.query(`ALTER TABLE ip_assets ADD COLUMN tag_names ${d.bytewise}`);
    await q.query(`UPDATE ip_assets SET tag_names = ${tagNamesOf('ip_assets.id')}`);
    if (d.pg) {
      // Statement-level, over transition tables: an import inserts 100k links in a handful of statements, and a
      // plpgsql call per row would cost seconds there.
      await q.query(`CREATE FUNCTION ip_assets_set_tag_names(ids integer[]) RETURNS void LANGUAGE sql AS $$
        UPDATE ip_assets SET tag_names = ${tagNamesOf('ip_assets.id')} WHERE id = ANY(ids) $$`);
      for (const [event, table] of [['INSERT', 'new_links'], ['DELETE', 'old_links']]) {
        await q.query(`CREATE FUNCTION ip_asset_tags_${event.toLowerCase()}_tag_names() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM ip_assets_set_tag_names(ARRAY(SELECT DISTINCT ip_asset_id FROM ${table})); RETURN NULL; END $$`);
        await q.query(
          `CREATE TRIGGER tr_ip_asset_tags_${event.toLowerCase()} AFTER ${event} ON ip_asset_tags REFERENCING ${event === 'INSERT' ? 'NEW' : 'OLD'} TABLE AS ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION ip_asset_tags_${event.toLowerCase()}_tag_names()`,
        );
      }
      await q.query(`CREATE FUNCTION ip_asset_tags_update_tag_names() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM ip_assets_set_tag_names(ARRAY(SELECT ip_asset_id FROM old_links UNION SELECT ip_asset_id FROM new_links)); RETURN NULL; END $$`);
      await q.query(
        `CREATE TRIGGER tr_ip_asset_tags_update AFTER UPDATE ON ip_asset_tags REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
         FOR EACH STATEMENT EXECUTE FUNCTION ip_asset_tags_update_tag_names()`,
      );
      await q.query(`CREATE FUNCTION tags_rename_tag_names() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM ip_assets_set_tag_names(ARRAY(SELECT ip_asset_id FROM ip_asset_tags WHERE tag_id = NEW.id)); RETURN NULL; END $$`);
      await q.query(`CREATE TRIGGER tr_tags_tag_names AFTER UPDATE OF name ON tags FOR EACH ROW EXECUTE FUNCTION tags_rename_tag_names()`);
      return;
    }
    const refresh = (assetId: string) => `UPDATE ip_assets SET tag_names = ${tagNamesOf(assetId)} WHERE id = ${assetId};`;
    await q.query(`CREATE TRIGGER tr_ip_asset_tags_insert AFTER INSERT ON ip_asset_tags BEGIN ${refresh('NEW.ip_asset_id')} END`);
    await q.query(`CREATE TRIGGER tr_ip_asset_tags_delete AFTER DELETE ON ip_asset_tags BEGIN ${refresh('OLD.ip_asset_id')} END`);
    await q.query(`CREATE TRIGGER tr_ip_asset_tags_update AFTER UPDATE ON ip_asset_tags BEGIN ${refresh('OLD.ip_asset_id')} ${refresh('NEW.ip_asset_id')} END`);
    await q.query(
      `CREATE TRIGGER tr_tags_tag_names AFTER UPDATE OF name ON tags BEGIN
        UPDATE ip_assets SET tag_names = ${tagNamesOf('ip_assets.id')} WHERE id IN (SELECT ip_asset_id FROM ip_asset_tags WHERE tag_id = NEW.id);
      END`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const d = dialect(q);
    for (const trigger of ['tr_tags_tag_names', 'tr_ip_asset_tags_update', 'tr_ip_asset_tags_delete', 'tr_ip_asset_tags_insert']) {
      await q.query(`DROP TRIGGER ${trigger}${d.pg ? ` ON ${trigger === 'tr_tags_tag_names' ? 'tags' : 'ip_asset_tags'}` : ''}`);
    }
    if (d.pg) {
      for (const fn of ['tags_rename_tag_names()', 'ip_asset_tags_update_tag_names()', 'ip_asset_tags_delete_tag_names()', 'ip_asset_tags_insert_tag_names()', 'ip_assets_set_tag_names(integer[])']) {
        await q.query(`DROP FUNCTION ${fn}`);
      }
    }
    await q.query(`ALTER TABLE ip_assets DROP COLUMN tag_names`);
  }
}

import { Command, CommandRunner } from 'nest-commander';
import { Database } from '../infra/database/database';

/** Migrations already ran when the CLI connected; this reports where the schema stands. */
@Command({ name: 'migrate', description: 'apply pending database migrations and report the schema version' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly db: Database) {
    super();
  }

  async run(): Promise<void> {
    const pending = await this.db.dataSource.showMigrations();
    if (pending) await this.db.dataSource.runMigrations({ transaction: 'each' });
    const applied = (await this.db.reader.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[];
    console.log(`Database is up to date: ${applied.length} migration(s) applied, latest ${applied.at(-1)?.name ?? 'none'}.`);
  }
}

import 'reflect-metadata';
import { ConfigError, loadConfig } from './infra/config/app-config';
import { createApp } from './infra/http/create-app';
import { UsersService } from './users/users.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  try {
    await app.get(UsersService).ensureInitialAdmin();
  } catch (error) {
    console.error((error as Error).message);
    await app.close();
    process.exit(2);
  }
  await app.listen(config.port, config.host);
  const where = config.databaseUrl ? 'PostgreSQL' : config.dbPath;
  console.log(`ipocket is running at http://${config.host}:${config.port}/ (database: ${where})`);
}

void main();

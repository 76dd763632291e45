import { Inject, Injectable } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';

export interface BuildInfo {
  version: string;
  commit: string;
  build_time: string;
}

/** The application root: where package.json and (in a checkout) .git live. */
export const APP_ROOT = findRoot(__dirname);

function findRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Reads the commit of a `.git` directory: HEAD, then the ref file, then packed-refs. */
export function readGitCommit(root: string): string | undefined {
  try {
    const gitDir = path.join(root, '.git');
    const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref:')) return /^[0-9a-f]{40}$/.test(head) ? head : undefined;
    const ref = head.slice(4).trim();
    const refFile = path.join(gitDir, ref);
    if (fs.existsSync(refFile)) return fs.readFileSync(refFile, 'utf8').trim();
    const packed = fs.readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
    return packed.split('\n').find((line) => line.endsWith(` ${ref}`))?.split(' ')[0];
  } catch {
    return undefined;
  }
}

/** Version, commit and build time resolved as api.md §5.1 describes; computed once. */
@Injectable()
export class BuildInfoService {
  readonly info: BuildInfo;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const build = config.build;
    const commit = build.commit ?? readGitCommit(APP_ROOT) ?? 'unknown';
    const docker = build.dockerRuntime ?? fs.existsSync('/.dockerenv');
    let version = build.version ?? 'dev';
    if (build.dockerTag && docker) version = build.dockerTag;
    else if (version === 'dev' && docker && commit !== 'unknown') version = `sha-${commit.slice(0, 7)}`;
    this.info = { version, commit, build_time: build.buildTime ?? 'unknown' };
  }
}

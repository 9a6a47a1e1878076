import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

/** A cold build of helm or docker compose takes 3-5 minutes on 2 cores. */
export const TOOL_BUILD_TIMEOUT_MS = 600_000;

/** Runs one of scripts/*-build.sh (idempotent: seconds once built) and returns the binary's path. */
export function buildTool(script: string): string {
  const output = execFileSync('bash', [join(root, 'scripts', script)], {
    encoding: 'utf8',
    // The build's progress goes to the test output: a cold build takes minutes.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return output.trim().split('\n').at(-1) ?? '';
}

function runs(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * A Docker Compose command for `config`: the docker CLI plugin if installed, else a v2 binary
 * built with Go, else a `docker-compose` on the PATH. Without any, the compose file cannot be
 * checked, and a test that passed anyway would claim what nobody checked: this throws, naming
 * what to install.
 */
export function composeCommand(): string[] {
  if (runs('docker', ['compose', 'version'])) return ['docker', 'compose'];
  if (runs('go', ['version'])) return [buildTool('compose-build.sh')];
  if (runs('docker-compose', ['version'])) return ['docker-compose'];
  throw new Error(
    'docker-compose.yml cannot be validated: no `docker compose` plugin, no Go (1.24 or newer) ' +
      'for scripts/compose-build.sh to build docker compose with, and no docker-compose on the ' +
      'PATH: install one of them',
  );
}

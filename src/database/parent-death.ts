import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'];
const PDEATHSIG = ['--pdeathsig', 'KILL', '--'];

let prefix: string[] | undefined;

/**
 * The command prefix that makes a child die with this process: util-linux's `setpriv --pdeathsig
 * KILL --`, which sets PR_SET_PDEATHSIG (Node cannot) and then execs the command in its own place,
 * same pid. However this process ends, an out-of-memory abort or SIGKILL included, where no exit
 * handler of ours runs, the kernel then kills the child at once: no FerretDB is left serving no
 * one. KILL, not TERM: nobody is left to wait for it, and SQLite's commits survive a kill.
 * The signal follows the thread that spawned the child; Nest spawns from the main thread, which
 * ends only with the process.
 *
 * Probed once: [] where setpriv is missing or lacks --pdeathsig (before util-linux 2.33, macOS);
 * there, the next start stops a FerretDB left behind (ferretdb.process.ts, stopLeftover).
 */
export function dieWithParentPrefix(): string[] {
  if (!prefix) {
    const setpriv = SETPRIV.find((path) => existsSync(path));
    // setpriv runs itself as the command: a probe that needs nothing else on the machine.
    const works =
      setpriv !== undefined &&
      spawnSync(setpriv, [...PDEATHSIG, setpriv, '--version'], { stdio: 'ignore' }).status === 0;
    prefix = works ? [setpriv, ...PDEATHSIG] : [];
  }
  return prefix;
}

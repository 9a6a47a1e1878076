/**
 * Ends the process with exit code 1 a moment from now, not at once: the log lines still being
 * written (pino's stream) would be cut off or reordered by process.exit(). Ends sooner by
 * itself when nothing else is left to run.
 */
export function exitSoon(): void {
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 200).unref();
}

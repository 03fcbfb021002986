/**
 * DSC_TRACE=1: one stderr line per phase of a command, stamped with the milliseconds since the process
 * started, to see where an inner loop's time goes (`DSC_TRACE=1 ds-containers up .`). Off: nothing.
 */
export function trace(phase: string): void {
  if (process.env.DSC_TRACE) process.stderr.write(`[trace ${performance.now().toFixed(0).padStart(5)} ms] ${phase}\n`);
}

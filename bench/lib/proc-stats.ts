import { readFileSync } from 'node:fs';

/** Memory and CPU of another process, read from /proc (Linux), so the figures are that process's own. */
export interface ProcStats {
  /** resident set size now, bytes */
  rss: number;
  /** peak resident set size, bytes */
  peakRss: number;
  /** user + system CPU time consumed so far, seconds */
  cpuSeconds: number;
}

export function procStats(pid: number): ProcStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM'), cpuSeconds: cpuSeconds(pid) };
}

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return ticks / CLOCK_TICKS;
}

// sysconf(_SC_CLK_TCK) is 100 on every Linux this runs on; Node has no binding for it.
const CLOCK_TICKS = 100;

export const MB = 1024 * 1024;

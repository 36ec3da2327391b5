/** Peak memory of a benchmark's own process (a module of its own: a measuring child imports nothing else with it). */
import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in MB. Linux's getrusage maxRSS (process.resourceUsage)
 * carries the parent's size at spawn into a child (the signal struct's maxrss survives exec), so a
 * child of a 900 MB bench reported 900 MB whatever it did; VmHWM in /proc/self/status belongs to
 * this program's own address space. Elsewhere, maxRSS.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

import { isIP } from 'node:net';

/**
 * Whether binding to `host` keeps the server reachable from this machine only. `0.0.0.0`, `::`
 * and every other address are reachable from outside, and then keys are required.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

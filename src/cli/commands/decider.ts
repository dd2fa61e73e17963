import type { CliIo } from '../io.js';

/** Who decides: --by, else $PROSCRIBE_USER, else the login name. */
export function decider(flag: string | undefined, io: CliIo): string {
  return flag ?? io.env.PROSCRIBE_USER ?? io.env.USER ?? io.env.LOGNAME ?? 'unknown';
}

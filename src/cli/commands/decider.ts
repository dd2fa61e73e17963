import { userInfo } from 'node:os';
import type { CliIo } from '../io.js';

/** Who decides: --by, else $PROSCRIBE_USER, else the login name (from the environment, else the system's account). */
export function decider(flag: string | undefined, io: CliIo): string {
  return flag ?? io.env.PROSCRIBE_USER ?? io.env.USER ?? io.env.LOGNAME ?? accountName() ?? 'unknown';
}

function accountName(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

import { Cron } from 'croner';
import { InputError } from '../errors.js';

/** A schedule as given, refused by name when croner cannot read it (a typo would never run). */
export function checkSchedule(expr: string | null | undefined): string | null {
  if (expr === null || expr === undefined || expr.trim() === '') return null;
  try {
    new Cron(expr.trim(), { paused: true }).stop();
  } catch (error) {
    throw new InputError(`"${expr}" is not a cron expression (minute hour day month weekday, e.g. "0 6 * * *"): ${(error as Error).message}`, { field: 'schedule' });
  }
  return expr.trim();
}

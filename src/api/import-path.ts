import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { notFound } from './errors.js';

function inside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The file a `POST /imports` names, which must lie under the import folder: a path that leads
 * out of it (`..`, an absolute path elsewhere, a symbolic link pointing out) is refused before
 * anything is read, and an absent file inside it is a 404.
 */
export async function resolveImportPath(importDir: string, path: string): Promise<string> {
  if (path.includes('\u0000')) throw new InputError('the path contains a NUL character', { field: 'path' });
  const dir = resolve(importDir);
  const target = resolve(dir, path);
  const outside = () => new InputError(`"${path}" is outside the import directory: give a path relative to it`, { field: 'path' });
  if (!inside(dir, target)) throw outside();
  let real: string;
  try {
    real = await realpath(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw notFound(`no file "${path}" in the import directory`, 'path');
    }
    throw error;
  }
  // Checked again after resolving links: a link inside the folder may point anywhere.
  if (!inside(await realpath(dir), real)) throw outside();
  return real;
}

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { createApiKey, keyView, parseRole } from '../../api/keys.js';
import { API_KEY_ROLES } from '../../store/repository.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';

interface KeysOptions {
  role?: string;
  name?: string;
  format: string;
  db?: string;
}

export function registerKeys(program: Command, io: CliIo): void {
  const keys = program
    .command('keys')
    .description('API keys for `proscribe serve`: viewer reads and screens, analyst also ingests and reviews, admin also imports lists and manages keys');

  keys
    .command('create')
    .description('create a key and print it once (only its SHA-256 is stored)')
    .requiredOption('--role <role>', API_KEY_ROLES.join(' | '))
    .requiredOption('--name <name>', 'who or what uses the key (recorded as who decided)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_o: KeysOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<KeysOptions>();
      const format = parseOutputFormat(opts.format);
      const role = parseRole(opts.role ?? '');
      const { key, secret } = await withStore(opts.db, io, (repo) => createApiKey(repo, opts.name ?? '', role));
      if (format === 'json') return writeJson(io, { key, secret });
      writeLine(io, `created key ${key.id} "${key.name}" (${key.role}):`);
      writeLine(io, secret);
      io.stderr.write('this key is shown only now: store it safely (send it as "Authorization: Bearer KEY")\n');
    });

  keys
    .command('list')
    .description('keys with their role and state (never the keys themselves)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_o: KeysOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<KeysOptions>();
      const format = parseOutputFormat(opts.format);
      const list = (await withStore(opts.db, io, (repo) => repo.listApiKeys())).map(keyView);
      if (format === 'json') return writeJson(io, { keys: list });
      writeLine(io, `${list.length} key${list.length === 1 ? '' : 's'}`);
      for (const k of list) writeLine(io, `  ${k.id}  ${k.role.padEnd(7)}  ${k.name}  created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`);
    });

  keys
    .command('revoke')
    .description('revoke a key by id: requests with it are refused from then on')
    .argument('<id>', 'key id (from `keys list`)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (rawId: string, _o: KeysOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<KeysOptions>();
      const format = parseOutputFormat(opts.format);
      const id = Number(rawId);
      if (!Number.isInteger(id) || id < 1) throw new InputError(`"${rawId}" is not a key id`, { field: 'id' });
      const key = await withStore(opts.db, io, (repo) => repo.revokeApiKey(id));
      if (!key) throw new InputError(`no API key with id ${id}`, { field: 'id' });
      if (format === 'json') return writeJson(io, { key: keyView(key) });
      writeLine(io, `revoked key ${key.id} "${key.name}" (${key.role}) at ${key.revokedAt}`);
    });
}

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** The real `proscribe` entry point as a separate process: exit codes and streams as a script sees them. */
function proscribe(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', input, env: { ...process.env, PROSCRIBE_DB: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the proscribe process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proscribe-proc-'));
  const db = join(dir, 'registry.sqlite');

  it('prints help and exits 0', () => {
    const r = proscribe(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /ingest/);
    assert.match(r.stdout, /list/);
  });

  it('exits 2 on an unknown command or option', () => {
    assert.equal(proscribe(['frobnicate']).code, 2);
    assert.equal(proscribe(['ingest', '--nonsense', 'x']).code, 2);
  });

  it('ingests from standard input, then reports the document as already stored', () => {
    const first = proscribe(['--db', db, 'ingest', '--date', '2020-01-01', '--format', 'json', '-'], 'A text fed through a pipe.');
    assert.equal(first.code, 0, first.stderr);
    assert.equal((JSON.parse(first.stdout) as { documents: { created: boolean }[] }).documents[0]!.created, true);
    const again = proscribe(['--db', db, 'ingest', '--date', '2020-01-01', '--format', 'json', '-'], 'A text fed through a pipe.');
    assert.equal((JSON.parse(again.stdout) as { documents: { created: boolean }[] }).documents[0]!.created, false);
  });

  it('exits 2 with the line and field of a bad JSON Lines row on stderr, stdout empty', () => {
    const r = proscribe(['--db', db, 'ingest', '-'], '{"date":"2020-01-01","text":"fine"}\n{"date":"2020-01-01"}\n');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^proscribe: -, line 2, field "text": is required/);
  });

  it('exits 3 when the database cannot be opened', () => {
    const r = proscribe(['--db', join(dir, 'missing', 'x.sqlite'), 'list', '--jurisdiction', 'PK']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot open SQLite database/);
  });
});

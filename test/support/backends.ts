import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The databases the suite runs against: a real SQLite file always, and a real PostgreSQL
 * server when PROSCRIBE_TEST_PG gives an admin URL (.ci/run starts one and sets it). With
 * PROSCRIBE_REQUIRE_PG=1 a missing server fails the run instead of skipping.
 */
export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** Why this backend is skipped, or false. */
  skip: string | false;
  /** A new, empty database; returns its location for openStore / --db. */
  create(): Promise<string>;
  /** Drop every database this backend created. */
  cleanup(): Promise<void>;
}

let counter = 0;

function sqliteBackend(): TestBackend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    skip: false,
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'proscribe-test-'));
      dirs.push(dir);
      return join(dir, 'registry.sqlite');
    },
    async cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

function postgresBackend(rawUrl: string | undefined): TestBackend {
  const adminUrl = rawUrl?.trim();
  // pg reads anything that is not an absolute URL relative to postgres://base; say what was given.
  if (adminUrl && !/^postgres(ql)?:\/\/\S+$/.test(adminUrl)) {
    throw new Error(`PROSCRIBE_TEST_PG must be one postgres:// URL, got ${JSON.stringify(adminUrl)}`);
  }
  const created: string[] = [];
  const required = process.env.PROSCRIBE_REQUIRE_PG === '1';
  const skip = adminUrl ? false : required ? false : 'PROSCRIBE_TEST_PG is not set (scripts/start-postgres.sh prints one)';
  return {
    name: 'postgres',
    skip,
    async create() {
      if (!adminUrl) throw new Error('PROSCRIBE_REQUIRE_PG=1 but PROSCRIBE_TEST_PG is not set');
      const name = `proscribe_t_${process.pid}_${++counter}_${Date.now() % 100000}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async cleanup() {
      if (!adminUrl || created.length === 0) return;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

export function testBackends(): TestBackend[] {
  return [sqliteBackend(), postgresBackend(process.env.PROSCRIBE_TEST_PG)];
}

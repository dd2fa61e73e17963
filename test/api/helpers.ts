import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiKey } from '../../src/api/keys.js';
import { type ApiOptions, buildApi } from '../../src/api/server.js';
import type { Api } from '../../src/api/context.js';
import { importListFile } from '../../src/importers/import-file.js';
import { openStore } from '../../src/store/open.js';
import type { ApiKeyRole, Repository } from '../../src/store/repository.js';
import type { TestBackend } from '../support/backends.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const IMPORT_DIR = join(FIXTURES, 'importers');
export const DOC_TEXT = 'The Example Front was banned on Wednesday. It is based in Example Province.';

export interface Seeded {
  documentId: number;
  exampleFront: number;
  /** Proposed: Example Front proscribed in PK on 2020-08-19, evidence [0, 42). */
  banFact: number;
  /** Proposed: Example Front based in Example Province, evidence [43, 75). */
  basedInFact: number;
  /** Lashkar-e-Tayyiba from the small UN list: listed, accepted. */
  lashkar: number;
}

/**
 * A small registry: the fixture UN list (accepted listings) and one stored article with two
 * proposed facts about an organisation that is not yet in the registry.
 */
export async function seed(repo: Repository): Promise<Seeded> {
  await importListFile(repo, 'un-xml', join(IMPORT_DIR, 'un-small.xml'));
  const lashkar = await repo.findEntityByRef('un:QDe.118');
  assert.ok(lashkar, 'the fixture list has Lashkar-e-Tayyiba');
  const doc = await repo.insertDocument({ sha256: 'api-seed-1', date: '2020-08-19', text: DOC_TEXT });
  const org = await repo.createEntity('organisation', 'Example Front');
  await repo.addName(org.id, { text: 'Example Front', type: 'primary' });
  const ban = await repo.addFact({
    subjectId: org.id, predicate: 'proscribed', date: '2020-08-19', qualifiers: { jurisdiction: 'PK', authority: 'Ministry of Interior' },
    evidence: { documentId: doc.id, start: 0, end: 42, attribution: 'notification' }, extractor: 'rule:test', confidence: 0.9,
  });
  const basedIn = await repo.addFact({
    subjectId: org.id, predicate: 'based_in', objectLiteral: 'Example Province',
    evidence: { documentId: doc.id, start: 43, end: 75, attribution: null }, extractor: 'rule:test', confidence: 0.5,
  });
  return { documentId: doc.id, exampleFront: org.id, banFact: ban.id, basedInFact: basedIn.id, lashkar: lashkar.id };
}

export type KeyName = ApiKeyRole | 'viewer2';

export interface ApiFixture {
  app: Api;
  repo: Repository;
  db: string;
  seeded: Seeded;
  /** Secrets of keys named after their role (plus a second viewer); empty when the server runs open. */
  keys: Partial<Record<KeyName, string>>;
  jobDir: string;
  close(): Promise<void>;
}

export interface FixtureOptions extends Partial<Omit<ApiOptions, 'repo'>> {
  /** Create one key per role (default true): the server then enforces keys and roles. */
  withKeys?: boolean;
}

export async function startApi(backend: TestBackend, options: FixtureOptions = {}): Promise<ApiFixture> {
  const db = await backend.create();
  const repo = await openStore(db);
  const seeded = await seed(repo);
  const keys: ApiFixture['keys'] = {};
  if (options.withKeys !== false) {
    for (const role of ['viewer', 'analyst', 'admin'] as const) keys[role] = (await createApiKey(repo, `${role}-key`, role)).secret;
    keys.viewer2 = (await createApiKey(repo, 'second-viewer', 'viewer')).secret;
  }
  const jobDir = mkdtempSync(join(tmpdir(), 'proscribe-api-jobs-'));
  const { withKeys: _w, ...apiOptions } = options;
  const app = await buildApi({ repo, workers: 1, uiDir: null, importDir: IMPORT_DIR, jobDir, screenerTtlMs: 0, ...apiOptions });
  await app.ready();
  return {
    app, repo, db, seeded, keys, jobDir,
    async close() {
      await app.close();
      await repo.close();
      rmSync(jobDir, { recursive: true, force: true });
    },
  };
}

export interface CallOptions {
  /** Which key to send (as a Bearer token); none when absent. */
  as?: KeyName;
  payload?: InjectOptions['payload'];
  headers?: Record<string, string>;
}

export async function call(f: ApiFixture, method: InjectOptions['method'], url: string, options: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) {
    const secret = f.keys[options.as];
    assert.ok(secret, `the fixture has a ${options.as} key`);
    headers.authorization = `Bearer ${secret}`;
  }
  return f.app.inject({ method, url, headers, ...(options.payload !== undefined ? { payload: options.payload } : {}) });
}

export interface ErrorJson {
  error: { code: string; message: string; field?: string };
}

/** Assert an error response: its status, its code, and the field it names. */
export function assertError(res: LightMyRequestResponse, status: number, field?: string): ErrorJson {
  assert.equal(res.statusCode, status, `expected ${status}, got ${res.statusCode}: ${res.body}`);
  const body = res.json<ErrorJson>();
  assert.equal(typeof body.error.code, 'string');
  assert.equal(typeof body.error.message, 'string');
  if (field !== undefined) assert.equal(body.error.field, field, `the error names field ${field}: ${res.body}`);
  return body;
}

/** Poll a batch job until it finishes (a bounded wait, not a timing assertion). */
export async function waitForJob(f: ApiFixture, id: string, as: KeyName = 'viewer'): Promise<{ status: string; processed: number; total: number | null; error: ErrorJson['error'] | null; result: string | null }> {
  for (let i = 0; i < 600; i++) {
    const res = await call(f, 'GET', `/screen/jobs/${id}`, { as });
    assert.equal(res.statusCode, 200, res.body);
    const job = res.json<{ status: string; processed: number; total: number | null; error: ErrorJson['error'] | null; result: string | null }>();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`job ${id} did not finish`);
}

import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { importListFile, importScheduleFile } from '../../importers/import-file.js';
import { MEASURES } from '../../lists/catalogue.js';
import { joinLists } from '../../registry/join.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody } from '../errors.js';
import { resolveImportPath } from '../import-path.js';
import { IsoDay } from '../schemas.js';

const ImportBody = z.object({
  format: z.enum(['un-xml', 'ofac-sdn-csv', 'schedule']).describe('un-xml: the UN consolidated list XML; ofac-sdn-csv: sdn.csv, or a folder with sdn.csv and alt.csv; schedule: a list CSV (name,aliases,listed_on,delisted_on,law,authority,jurisdiction,notes,source_url,source_retrieved)'),
  path: z.string().min(1).max(1000).describe('the list file, relative to the server\'s import directory'),
  publishedOn: IsoDay.optional().describe('publication date of this version (default: the date inside the file)'),
  list: z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/).optional().describe('schedule: the list the file is a version of (default: from the file name)'),
  title: z.string().trim().min(1).max(300).optional().describe('schedule: the title of a list proscribe does not know'),
  measure: z.enum(MEASURES).optional().describe('schedule: what a list proscribe does not know is (default ban)'),
  join: z.boolean().optional().describe('run the cross-list join after the import (default true)'),
});

const JoinBrief = z.object({ joined: z.number().int(), proposed: z.number().int() }).nullable().describe('what the cross-list join did after the import');

const ScheduleImportSummary = z.object({
  list: z.string(),
  file: z.string(),
  publishedOn: z.string().nullable(),
  unchanged: z.boolean(),
  rows: z.number().int(),
  entries: z.number().int(),
  added: z.array(z.string()).describe('names new to the list'),
  relisted: z.array(z.string()),
  delisted: z.array(z.string()).describe('names a row now gives a delisted_on'),
  removed: z.array(z.string()).describe('names missing from this version: delisted on its date'),
  corrected: z.array(z.object({ name: z.string(), predicate: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  namesAdded: z.number().int(),
  join: JoinBrief,
});

const ListImportSummary = z.object({
  source: z.string(),
  format: z.string(),
  publishedOn: z.string().nullable(),
  unchanged: z.boolean().describe('this exact version was the last one imported: nothing was written'),
  entries: z.number().int(),
  added: z.array(z.string()).describe('refs of entries new to the registry'),
  relisted: z.array(z.string()),
  delisted: z.array(z.string()).describe('refs listed by the previous version and missing from this one'),
  namesAdded: z.number().int(),
  join: JoinBrief,
});

const ImportSummary = z.union([ListImportSummary, ScheduleImportSummary]);

const ImportsResponse = z.object({
  files: z.array(z.string()).describe('files under the import directory, relative to it'),
  runs: z.array(z.object({
    id: z.number().int(), format: z.string(), source: z.string(), listId: z.string().nullable().optional(), sha256: z.string(), publishedOn: z.string().nullable(),
    importedAt: z.string(), summary: z.record(z.string(), z.unknown()),
  })),
});

const MAX_LISTED_FILES = 1000;

/** Plain files under the import folder, a few levels deep (a UI picks one); links are not offered. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string, depth: number) => {
    let entries;
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= MAX_LISTED_FILES || e.name.startsWith('.')) continue;
      const full = join(at, e.name);
      if (e.isDirectory() && depth < 3) await walk(full, depth + 1);
      else if (e.isFile()) out.push(relative(dir, full));
    }
  };
  await walk(dir, 0);
  return out;
}

export function importRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/imports',
    config: { access: 'admin' },
    schema: {
      tags: ['imports'],
      summary: 'The list files an admin can import, and the import runs so far',
      description: roleNote('admin'),
      response: { 200: ImportsResponse, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async () => ({ files: await listFiles(ctx.importDir), runs: await ctx.repo.importRuns() }),
  });

  app.route({
    method: 'POST',
    url: '/imports',
    config: { access: 'admin' },
    schema: {
      tags: ['imports'],
      summary: 'Import a version of a public list from the import directory',
      description: 'As `proscribe import`: accepted registry facts, one transaction, re-importing the same file changes nothing. '
        + `Only files under the server's import directory can be named. ${roleNote('admin')}`,
      body: ImportBody,
      response: { 200: ImportSummary, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const b = request.body;
      const file = await resolveImportPath(ctx.importDir, b.path);
      const summary = b.format === 'schedule'
        ? await importScheduleFile(ctx.repo, file, {
          ...(b.list ? { list: b.list } : {}), ...(b.title ? { title: b.title } : {}), ...(b.measure ? { measure: b.measure } : {}),
          ...(b.publishedOn ? { publishedOn: b.publishedOn } : {}),
        })
        : await importListFile(ctx.repo, b.format, file, b.publishedOn);
      const joined = !summary.unchanged && b.join !== false ? await joinLists(ctx.repo) : null;
      await ctx.screeners.invalidate();
      return { ...summary, join: joined ? { joined: joined.joined.length, proposed: joined.proposed.length } : null };
    },
  });
}

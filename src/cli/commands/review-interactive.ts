import { createInterface } from 'node:readline';
import type { Fact } from '../../model/types.js';
import { todayIso } from '../../model/partial-date.js';
import { evidenceExcerpt } from '../../registry/evidence-text.js';
import { decideFacts } from '../../review/decide.js';
import { Screener } from '../../screen/screener.js';
import type { Repository } from '../../store/repository.js';
import type { CliIo } from '../io.js';

const INVERSE = '\u001b[7m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

interface Similar {
  id: number;
  name: string;
  refs: string[];
  score: number;
  listed: string;
}

export interface InteractiveSummary {
  accepted: number;
  rejected: number;
  skipped: number;
  merged: number;
}

/** Ask one question; null when input has ended (Ctrl-D, or the end of a scripted input). */
function ask(lines: AsyncIterator<string>, io: CliIo, prompt: string): Promise<string | null> {
  io.stdout.write(prompt);
  return lines.next().then((r) => (r.done ? null : r.value.trim()));
}

/** Strip terminal control characters from stored text before it reaches the analyst's terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, ' ');
}

/**
 * The review queue on a terminal: each proposal with its evidence sentence (the span
 * highlighted), the document's date and source, who said it, and the registry entities it may
 * be; one key decides it. Decisions go through the same service as `review accept/reject`.
 */
export async function reviewInteractively(repo: Repository, io: CliIo, by: string): Promise<InteractiveSummary> {
  const summary: InteractiveSummary = { accepted: 0, rejected: 0, skipped: 0, merged: 0 };
  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  try {
    const queue = await repo.listFacts({ status: 'proposed' });
    if (queue.length === 0) {
      io.stdout.write('Nothing to review: no proposed facts.\n');
      return summary;
    }
    let screener = await Screener.load(repo);
    for (let i = 0; i < queue.length; i++) {
      const fact = (await repo.getFact(queue[i]!.id))!;
      if (fact.status !== 'proposed') continue;
      const similar = await show(repo, io, screener, fact, i + 1, queue.length);
      for (;;) {
        const key = await ask(lines, io, `${BOLD}[a]ccept [r]eject [s]kip${similar.length ? ' [m]erge' : ''} [q]uit > ${RESET}`);
        if (key === null || key === 'q') {
          // What is left, this fact included, stays proposed for the next session.
          summary.skipped += queue.length - i;
          io.stdout.write(`\n${describe(summary)}\n`);
          return summary;
        }
        if (key === 'a') {
          await decideFacts(repo, [fact.id], 'accepted', by, null);
          summary.accepted++;
          io.stdout.write(`  fact ${fact.id} accepted\n\n`);
          screener = await Screener.load(repo);
          break;
        }
        if (key === 'r') {
          const note = await ask(lines, io, '  why? > ');
          if (!note) {
            io.stdout.write('  a rejection needs a reason: not rejected\n');
            continue;
          }
          await decideFacts(repo, [fact.id], 'rejected', by, note);
          summary.rejected++;
          io.stdout.write(`  fact ${fact.id} rejected\n\n`);
          break;
        }
        if (key === 's') {
          summary.skipped++;
          io.stdout.write('  skipped\n\n');
          break;
        }
        if (key === 'm' && similar.length) {
          const pick = await ask(lines, io, `  merge ${printable((await repo.getEntity(fact.subjectId))?.name ?? '')} into which (1-${similar.length})? > `);
          const target = similar[Number(pick) - 1];
          if (!target) {
            io.stdout.write('  no such choice\n');
            continue;
          }
          await repo.mergeEntities(target.id, fact.subjectId, by, 'merged during interactive review');
          summary.merged++;
          io.stdout.write(`  entity ${fact.subjectId} merged into ${target.id} (${printable(target.name)}); the fact is still to decide\n`);
          screener = await Screener.load(repo);
          continue;
        }
        io.stdout.write('  keys: a accept, r reject, s skip, m merge, q quit\n');
      }
    }
    io.stdout.write(`${describe(summary)}\n`);
    return summary;
  } finally {
    rl.close();
  }
}

function describe(s: InteractiveSummary): string {
  return `accepted ${s.accepted}, rejected ${s.rejected}, skipped ${s.skipped}, merged ${s.merged}`;
}

async function show(repo: Repository, io: CliIo, screener: Screener, fact: Fact, n: number, total: number): Promise<Similar[]> {
  const entities = await repo.getEntities([fact.subjectId, ...(fact.objectId ? [fact.objectId] : [])]);
  const subject = entities.get(fact.subjectId);
  const object = fact.objectId ? entities.get(fact.objectId)?.name : fact.objectLiteral;
  const q = Object.entries(fact.qualifiers).map(([k, v]) => `${k}: ${v}`).join(', ');
  const w = (s: string) => io.stdout.write(`${s}\n`);
  w(`${BOLD}[${n}/${total}] fact ${fact.id}: ${printable(subject?.name ?? `entity ${fact.subjectId}`)} ${fact.predicate}${object ? ` ${printable(object)}` : ''}${fact.date ? ` (${fact.date})` : ''}${RESET}  confidence ${fact.confidence}`);
  if (q) w(`  ${printable(q)}`);
  for (const ev of fact.evidence) {
    if (ev.documentId !== null) {
      const doc = await repo.getDocument(ev.documentId);
      if (doc) {
        w(`  document ${doc.id}, published ${doc.date}${doc.url ? `, ${printable(doc.url)}` : ''}${doc.title ? ` — ${printable(doc.title)}` : ''}`);
        const ex = evidenceExcerpt(doc.text, ev.start, ev.end);
        if (ex) {
          const s = ex.sentence;
          w(`  “${printable(s.slice(0, ex.highlight.start))}${INVERSE}${printable(s.slice(ex.highlight.start, ex.highlight.end))}${RESET}${printable(s.slice(ex.highlight.end))}”`);
        }
      }
    } else if (ev.source) {
      w(`  source: ${printable(ev.source)}`);
    }
    if (ev.attribution) w(`  ${ev.documentId !== null ? 'attributed in the text' : 'said by'}: ${printable(ev.attribution)}`);
  }
  const similar: Similar[] = [];
  if (subject) {
    const hits = screener.screen(subject.name, { asOf: todayIso(), limit: 4, minScore: 0.6, explain: false }).hits;
    for (const h of hits) {
      if (h.entity.id === subject.id || similar.length >= 3) continue;
      similar.push({
        id: h.entity.id, name: h.entity.name, refs: h.entity.refs, score: h.score,
        listed: h.listings.map((l) => `${l.jurisdiction}${l.since ? ` since ${l.since}` : ''}`).join(', '),
      });
    }
  }
  if (similar.length) w('  similar in the registry:');
  similar.forEach((s, i) => w(`    ${i + 1}) ${printable(s.name)} (entity ${s.id}${s.refs.length ? `, ${s.refs.join(', ')}` : ''}) score ${s.score}${s.listed ? `; listed ${s.listed}` : ''}`));
  return similar;
}

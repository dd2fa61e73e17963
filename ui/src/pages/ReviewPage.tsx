import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { attributionText, describeListing, type FactView, get, post } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { Highlighted } from '../components/Highlighted';

const PAGE = 50;

const ORIGINS: { value: string; label: string }[] = [
  { value: 'document', label: 'from articles' },
  { value: 'join', label: 'cross-list joins (same as)' },
  { value: 'dataset', label: 'imported lineage and lists' },
  { value: '', label: 'everything' },
];

const PREDICATE_CHOICES = ['', 'proscribed', 'delisted', 'offshoot_of', 'front_for', 'successor_of', 'alias', 'affiliated_with', 'supported_by', 'allied_with', 'opposes', 'based_in', 'operates_in', 'recruits_in', 'founded', 'member_of', 'same_as'];

export interface ReviewFilters {
  origin: string;
  predicate: string;
  jurisdiction: string;
  minConfidence: string;
  documentId: string;
  entityId: string;
}

function query(f: ReviewFilters, offset: number): string {
  const q = new URLSearchParams({ status: 'proposed', limit: String(PAGE), offset: String(offset), similar: 'true' });
  if (f.origin) q.set('origin', f.origin);
  if (f.predicate) q.set('predicate', f.predicate);
  if (f.jurisdiction.trim()) q.set('jurisdiction', f.jurisdiction.trim());
  if (f.minConfidence) q.set('minConfidence', f.minConfidence);
  if (f.documentId) q.set('documentId', f.documentId);
  if (f.entityId) q.set('entityId', f.entityId);
  return `/facts?${q.toString()}`;
}

/** The correction of a proposal before deciding it: subject, object, date. */
function CorrectForm({ fact, onDone }: { fact: FactView; onDone: () => void }) {
  const [subject, setSubject] = useState('');
  const [object, setObject] = useState('');
  const [date, setDate] = useState(fact.date ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    const body: Record<string, unknown> = { accept: true };
    if (subject.trim()) body.subject = subject.trim();
    if (object.trim()) body.object = object.trim();
    if (date.trim() !== (fact.date ?? '')) body.date = date.trim() === '' ? null : date.trim();
    if (note.trim()) body.note = note.trim();
    try {
      await post(`/facts/${fact.id}/correct`, body);
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form className="correct" onSubmit={submit} data-testid="correct-form">
      <label>Subject (id or name) <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} placeholder={fact.subject.name} /></label>
      {fact.object !== null ? <label>Object (id or name) <input name="object" value={object} onChange={(e) => setObject(e.target.value)} placeholder={fact.object?.name ?? ''} /></label> : null}
      <label>Date <input name="date" value={date} onChange={(e) => setDate(e.target.value)} placeholder="YYYY-MM-DD, YYYY-MM, YYYY" size={12} /></label>
      <label>Why <input name="note" value={note} onChange={(e) => setNote(e.target.value)} /></label>
      <button type="submit">Correct and accept</button>
      <ErrorBox error={error} />
    </form>
  );
}

function FactCard({ fact, active, selected, onSelect, onDone, onFocus }: {
  fact: FactView; active: boolean; selected: boolean; onSelect: (on: boolean) => void; onDone: (message: string) => void; onFocus: () => void;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const noteRef = useRef<HTMLInputElement>(null);
  const cardRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) cardRef.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  async function decide(verdict: 'accept' | 'reject') {
    if (verdict === 'reject' && !note.trim()) {
      noteRef.current?.focus();
      setError(new Error('say why in the note to reject'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await post(`/facts/${fact.id}/${verdict}`, note ? { note } : {});
      onDone(`fact ${fact.id} ${verdict === 'accept' ? 'accepted' : 'rejected'}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  async function merge(targetId: number, targetName: string) {
    setBusy(true);
    setError(null);
    try {
      await post(`/entities/${targetId}/merge`, { others: [fact.subject.id], note: `merged in review of fact ${fact.id}` });
      onDone(`${fact.subject.name} merged into ${targetName}; fact ${fact.id} is still to decide`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  // Keyboard shortcuts act on the active card: a accept, r reject (asks for a note first).
  useEffect(() => {
    if (!active) return;
    const onKey = (ev: KeyboardEvent) => {
      const t = ev.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (ev.key === 'a') void decide('accept');
      else if (ev.key === 'r') void decide('reject');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const subject = fact.subject.name;
  const object = fact.object?.name ?? fact.objectLiteral ?? '';
  const qualifiers = Object.entries(fact.qualifiers).filter(([k]) => !['left', 'right', 'left_source', 'right_source', 'score'].includes(k));
  return (
    <li ref={cardRef} className={`fact proposed${active ? ' active' : ''}`} data-testid="proposal" data-fact={fact.id} onClick={onFocus}>
      <div className="fact-head">
        <input type="checkbox" aria-label={`select fact ${fact.id}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
        <span>
          <a href={`#/entity/${fact.subject.id}`}>{subject}</a> <strong>{fact.predicate.replace(/_/g, ' ')}</strong>{' '}
          {fact.object ? <a href={`#/entity/${fact.object.id}`}>{object}</a> : object}
          {fact.date ? ` (${fact.date})` : ''}
        </span>
        <small className="confidence" title="how sure extraction is, from the rule and who said it">confidence {fact.confidence.toFixed(2)}</small>
      </div>
      {qualifiers.length ? <div className="qualifiers">{qualifiers.map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`).join(' · ')}</div> : null}
      {fact.corroboration?.length ? (
        <ul className="corroboration" data-testid="corroboration">
          {fact.corroboration.map((c) => <li key={c.list} className={c.status}><strong>{c.status.replace(/-/g, ' ')}</strong>: {c.detail}</li>)}
        </ul>
      ) : null}
      {fact.evidence.map((ev, i) => (
        <blockquote key={i} className="evidence" data-testid="evidence">
          {ev.excerpt ? (
            <Highlighted text={ev.excerpt.sentence} spans={[{ start: ev.excerpt.highlight.start, end: ev.excerpt.highlight.end, label: `fact ${fact.id}` }]} />
          ) : ev.quote ? <q>{ev.quote}</q> : <em>no sentence recorded</em>}
          <footer>
            {ev.document ? (
              <>
                <a href={`#/document/${ev.document.id}?fact=${fact.id}`}>{ev.document.title ?? `document ${ev.document.id}`}</a>, published {ev.document.date}
                {ev.document.url ? <> · <a href={ev.document.url} rel="noreferrer noopener" target="_blank">source</a></> : null}
              </>
            ) : ev.source}
            {ev.attribution ? ` · ${attributionText(ev.attribution, ev.document !== null)}` : ''}
          </footer>
        </blockquote>
      ))}
      {fact.similar?.length ? (
        <div className="similar" data-testid="similar">
          <span>Similar in the registry:</span>
          <ul>
            {fact.similar.map((s) => (
              <li key={s.entity.id}>
                <a href={`#/entity/${s.entity.id}`}>{s.entity.name}</a> <small>score {s.score.toFixed(2)}</small>
                {s.listings.length ? <small> · {s.listings.map(describeListing).join('; ')}</small> : <small> · not listed</small>}
                {' '}<button type="button" disabled={busy} onClick={() => merge(s.entity.id, s.entity.name)} title={`fold ${subject} into ${s.entity.name}`}>Merge into this</button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="decide">
        <input ref={noteRef} aria-label="note" placeholder="note (required to reject)" value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="button" disabled={busy} onClick={() => decide('accept')}>Accept</button>
        <button type="button" disabled={busy} onClick={() => decide('reject')}>Reject</button>
        <button type="button" onClick={() => setCorrecting(!correcting)}>{correcting ? 'Cancel correction' : 'Correct…'}</button>
      </div>
      {correcting ? <CorrectForm fact={fact} onDone={() => onDone(`fact ${fact.id} corrected and accepted`)} /> : null}
      <ErrorBox error={error} />
    </li>
  );
}

export function ReviewPage({ initial }: { initial?: Partial<ReviewFilters> }) {
  const [filters, setFilters] = useState<ReviewFilters>({ origin: 'document', predicate: '', jurisdiction: '', minConfidence: '', documentId: '', entityId: '', ...initial });
  const [facts, setFacts] = useState<FactView[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulkNote, setBulkNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    get<{ facts: FactView[]; hasMore: boolean }>(query(filters, 0)).then((r) => {
      setFacts(r.facts);
      setHasMore(r.hasMore);
      setSelected(new Set());
      setActive((a) => Math.min(a, Math.max(0, r.facts.length - 1)));
    }, setError);
  }, [filters]);
  useEffect(load, [load]);

  async function more() {
    try {
      const r = await get<{ facts: FactView[]; hasMore: boolean }>(query(filters, facts?.length ?? 0));
      setFacts([...(facts ?? []), ...r.facts]);
      setHasMore(r.hasMore);
    } catch (e) {
      setError(e);
    }
  }

  async function bulk(verdict: 'accepted' | 'rejected') {
    setError(null);
    if (verdict === 'rejected' && !bulkNote.trim()) {
      setError(new Error('say why in the note to reject the selected facts'));
      return;
    }
    try {
      await post('/decisions', { ids: [...selected], verdict, ...(bulkNote.trim() ? { note: bulkNote.trim() } : {}) });
      setMessage(`${selected.size} facts ${verdict}`);
      setBulkNote('');
      load();
    } catch (e) {
      setError(e);
    }
  }

  // j / k move between cards, s skips to the next one.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const t = ev.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (!facts?.length) return;
      if (ev.key === 'j' || ev.key === 's') setActive((a) => Math.min(facts.length - 1, a + 1));
      else if (ev.key === 'k') setActive((a) => Math.max(0, a - 1));
      else if (ev.key === 'x') {
        const id = facts[active]?.id;
        if (id !== undefined) setSelected((s) => {
          const next = new Set(s);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [facts, active]);

  const set = (k: keyof ReviewFilters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });
  return (
    <section>
      <h1>Review queue {facts ? <small>{facts.length}{hasMore ? '+' : ''} proposed</small> : null}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>Proposals <select name="origin" value={filters.origin} onChange={set('origin')}>
          {ORIGINS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select></label>
        <label>Predicate <select name="predicate" value={filters.predicate} onChange={set('predicate')}>
          {PREDICATE_CHOICES.map((p) => <option key={p} value={p}>{p ? p.replace(/_/g, ' ') : 'any'}</option>)}
        </select></label>
        <label>Jurisdiction <input name="jurisdiction" value={filters.jurisdiction} onChange={set('jurisdiction')} size={4} placeholder="PK" /></label>
        <label>Confidence from <input name="minConfidence" type="number" min={0} max={1} step={0.05} value={filters.minConfidence} onChange={set('minConfidence')} placeholder="0" /></label>
        <label>Document <input name="documentId" value={filters.documentId} onChange={set('documentId')} size={5} placeholder="id" /></label>
        <label>Entity <input name="entityId" value={filters.entityId} onChange={set('entityId')} size={5} placeholder="id" /></label>
      </form>
      <p className="help">Keys: <kbd>j</kbd>/<kbd>k</kbd> next and previous, <kbd>a</kbd> accept, <kbd>r</kbd> reject (with a note), <kbd>s</kbd> skip, <kbd>x</kbd> select.</p>
      {selected.size ? (
        <div className="bulk" data-testid="bulk">
          <span>{selected.size} selected</span>
          <input aria-label="note for the selected" placeholder="note (required to reject)" value={bulkNote} onChange={(e) => setBulkNote(e.target.value)} />
          <button type="button" onClick={() => bulk('accepted')}>Accept selected</button>
          <button type="button" onClick={() => bulk('rejected')}>Reject selected</button>
          <button type="button" onClick={() => setSelected(new Set())}>Clear</button>
        </div>
      ) : null}
      {message ? <p className="note" role="status">{message}</p> : null}
      <ErrorBox error={error} />
      {!facts ? <p>Loading…</p> : facts.length === 0 ? (
        <p className="empty">Nothing to review here. Add an article (<a href="#/ingest">Add article</a>) to get proposals, or choose other proposals above.</p>
      ) : (
        <>
          <label className="select-all"><input type="checkbox" checked={selected.size === facts.length} onChange={(e) => setSelected(e.target.checked ? new Set(facts.map((f) => f.id)) : new Set())} /> select all shown</label>
          <ol className="facts">
            {facts.map((f, i) => (
              <FactCard
                key={f.id} fact={f} active={i === active} selected={selected.has(f.id)} onFocus={() => setActive(i)}
                onSelect={(on) => setSelected((s) => {
                  const next = new Set(s);
                  if (on) next.add(f.id);
                  else next.delete(f.id);
                  return next;
                })}
                onDone={(m) => {
                  setMessage(m);
                  load();
                }}
              />
            ))}
          </ol>
          {hasMore ? <button type="button" onClick={more}>Show more</button> : null}
        </>
      )}
    </section>
  );
}

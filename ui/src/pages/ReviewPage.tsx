import { useCallback, useEffect, useState } from 'react';
import { type FactView, get, post } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { Highlighted } from '../components/Highlighted';

function FactCard({ fact, onDone }: { fact: FactView; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function decide(verdict: 'accept' | 'reject') {
    setBusy(true);
    setError(null);
    try {
      await post(`/facts/${fact.id}/${verdict}`, note ? { note } : {});
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const subject = fact.subject?.name ?? `entity ${fact.subjectId}`;
  const object = fact.object?.name ?? fact.objectLiteral ?? (fact.objectId ? `entity ${fact.objectId}` : '');
  return (
    <li className="fact proposed" data-testid="proposal" data-fact={fact.id}>
      <div>
        <a href={`#/entity/${fact.subjectId}`}>{subject}</a> {fact.predicate.replace('_', ' ')}{' '}
        {fact.objectId ? <a href={`#/entity/${fact.objectId}`}>{object}</a> : object}
        {fact.date ? ` (${fact.date})` : ''} <small>confidence {fact.confidence}</small>
      </div>
      {Object.keys(fact.qualifiers).length ? <div className="qualifiers">{Object.entries(fact.qualifiers).map(([k, v]) => `${k}: ${v}`).join(' · ')}</div> : null}
      {fact.corroboration?.length ? (
        <ul className="corroboration" data-testid="corroboration">
          {fact.corroboration.map((c) => (
            <li key={c.list} className={c.status}><strong>{c.status.replace(/-/g, ' ')}</strong>: {c.detail}</li>
          ))}
        </ul>
      ) : null}
      {fact.evidence.map((ev, i) => (
        <blockquote key={i} className="evidence" data-testid="evidence">
          {ev.excerpt ? (
            <Highlighted text={ev.excerpt.sentence} spans={[{ start: ev.excerpt.highlight.start, end: ev.excerpt.highlight.end, label: `fact ${fact.id}` }]} />
          ) : ev.quote ? <q>{ev.quote}</q> : null}
          <footer>
            {ev.document ? <a href={`#/document/${ev.document.id}`}>document {ev.document.id}, {ev.document.date}</a> : ev.source}
            {ev.document?.url ? <> · <a href={ev.document.url} rel="noreferrer noopener" target="_blank">source</a></> : null}
            {ev.attribution ? ` · said by ${ev.attribution}` : ''}
          </footer>
        </blockquote>
      ))}
      <div className="decide">
        <input aria-label="note" placeholder="note (required to reject)" value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="button" disabled={busy} onClick={() => decide('accept')}>Accept</button>
        <button type="button" disabled={busy || !note.trim()} onClick={() => decide('reject')}>Reject</button>
      </div>
      <ErrorBox error={error} />
    </li>
  );
}

const ORIGINS: { value: string; label: string }[] = [
  { value: 'document', label: 'from articles' },
  { value: 'join', label: 'cross-list joins (same as)' },
  { value: 'dataset', label: 'imported lineage and lists' },
  { value: '', label: 'everything' },
];

export function ReviewPage() {
  const [facts, setFacts] = useState<FactView[] | null>(null);
  const [origin, setOrigin] = useState('document');
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    get<{ facts: FactView[] }>(`/facts?status=proposed&limit=100${origin ? `&origin=${origin}` : ''}`).then((r) => setFacts(r.facts), setError);
  }, [origin]);
  useEffect(load, [load]);
  if (error) return <ErrorBox error={error} />;
  if (!facts) return <p>Loading…</p>;
  return (
    <section>
      <h1>Review queue <small>{facts.length}{facts.length === 100 ? '+' : ''} proposed</small></h1>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>Proposals <select name="origin" value={origin} onChange={(e) => setOrigin(e.target.value)}>
          {ORIGINS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select></label>
      </form>
      {facts.length === 0 ? <p>Nothing to review.</p> : null}
      <ol className="facts">{facts.map((f) => <FactCard key={f.id} fact={f} onDone={load} />)}</ol>
    </section>
  );
}

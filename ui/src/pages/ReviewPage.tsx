import { useCallback, useEffect, useState } from 'react';
import { type FactView, get, post } from '../api';
import { ErrorBox } from '../components/ErrorBox';

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
      {fact.evidence.map((ev, i) => (
        <blockquote key={i} className="evidence">
          {fact.evidenceText?.[i] ? <q>{fact.evidenceText[i]}</q> : null}
          <footer>
            {ev.documentId !== null ? <a href={`#/document/${ev.documentId}`}>document {ev.documentId}</a> : ev.source}
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

export function ReviewPage() {
  const [facts, setFacts] = useState<FactView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    get<{ facts: FactView[] }>('/facts?status=proposed&limit=100').then((r) => setFacts(r.facts), setError);
  }, []);
  useEffect(load, [load]);
  if (error) return <ErrorBox error={error} />;
  if (!facts) return <p>Loading…</p>;
  return (
    <section>
      <h1>Review queue <small>{facts.length} proposed</small></h1>
      {facts.length === 0 ? <p>Nothing to review.</p> : null}
      <ol className="facts">{facts.map((f) => <FactCard key={f.id} fact={f} onDone={load} />)}</ol>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { type DocumentView, get } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { Highlighted, type Span } from '../components/Highlighted';

export function DocumentPage({ id, fact }: { id: number; fact?: number }) {
  const [view, setView] = useState<DocumentView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<DocumentView>(`/documents/${id}`).then(setView, setError);
  }, [id]);
  if (error) return <ErrorBox error={error} />;
  if (!view) return <p>Loading…</p>;
  const d = view.document;
  const spans: Span[] = view.facts.flatMap((f) =>
    f.evidence
      .filter((ev) => ev.documentId === d.id && ev.start !== null && ev.end !== null)
      .map((ev) => ({ start: ev.start!, end: ev.end!, id: String(f.id), label: `fact ${f.id}: ${f.predicate}` })),
  );
  return (
    <section className="document">
      <h1>{d.title ?? `Document ${d.id}`} <small>published {d.date}</small></h1>
      {d.url ? <p><a href={d.url} rel="noreferrer noopener" target="_blank">{d.url}</a></p> : null}
      <article className="text" data-testid="document-text"><Highlighted text={d.text} spans={spans} {...(fact ? { activeId: String(fact) } : {})} /></article>
      <h2>Facts from this document</h2>
      {view.facts.length === 0 ? <p className="empty">No facts from this document: extraction found none, or it was stored without extraction.</p> : (
        <ul data-testid="document-facts">{view.facts.map((f) => (
          <li key={f.id}>
            <a href={`#/entity/${f.subject.id}`}>{f.subject.name}</a> {f.predicate.replace(/_/g, ' ')}{' '}
            {f.object ? <a href={`#/entity/${f.object.id}`}>{f.object.name}</a> : (f.objectLiteral ?? '')}{f.date ? ` (${f.date})` : ''}{' '}
            <span className={`status ${f.status}`}>{f.status}</span>
            {f.status === 'proposed' ? <> · <a href={`#/review?document=${d.id}`}>review</a></> : null}
          </li>
        ))}</ul>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { type DocumentSummary, get } from '../api';
import { ErrorBox } from '../components/ErrorBox';

const PAGE = 50;

interface DocumentFilters {
  from: string;
  to: string;
  source: string;
  q: string;
}

function query(f: DocumentFilters, offset: number): string {
  const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
  return `/documents?${q.toString()}`;
}

/** The articles proscribe has read, newest first: what each holds and what still waits for review. */
export function DocumentsPage() {
  const [filters, setFilters] = useState<DocumentFilters>({ from: '', to: '', source: '', q: '' });
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // Text filters settle before they query, so typing does not send a request per key.
    const timer = setTimeout(() => {
      setError(null);
      get<{ documents: DocumentSummary[]; hasMore: boolean }>(query(filters, 0)).then((r) => {
        setDocs(r.documents);
        setHasMore(r.hasMore);
      }, setError);
    }, 200);
    return () => clearTimeout(timer);
  }, [filters]);

  async function more() {
    try {
      const r = await get<{ documents: DocumentSummary[]; hasMore: boolean }>(query(filters, docs?.length ?? 0));
      setDocs([...(docs ?? []), ...r.documents]);
      setHasMore(r.hasMore);
    } catch (e) {
      setError(e);
    }
  }

  const set = (k: keyof DocumentFilters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });
  const filtered = Object.values(filters).some((v) => v.trim());
  return (
    <section>
      <h1>Documents {docs ? <small>{docs.length}{hasMore ? '+' : ''} shown</small> : null}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>Published from <input type="date" name="from" value={filters.from} onChange={set('from')} /></label>
        <label>to <input type="date" name="to" value={filters.to} onChange={set('to')} /></label>
        <label>Source <input name="source" value={filters.source} onChange={set('source')} placeholder="dawn.com" size={14} /></label>
        <label>Text <input type="search" name="q" value={filters.q} onChange={set('q')} placeholder="words in the text or title" size={22} /></label>
      </form>
      <ErrorBox error={error} />
      {!docs ? <p>Loading…</p> : docs.length === 0 ? (
        filtered
          ? <p className="empty">No document matches these filters. Clear a filter to see more.</p>
          : <p className="empty">No documents yet. <a href="#/ingest">Add an article</a>, or run <code>proscribe ingest FILE</code>, to read one.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="documents" data-testid="documents">
              <thead><tr><th>published</th><th>document</th><th>source</th><th className="num">facts</th><th className="num">to review</th></tr></thead>
              <tbody>
                {docs.map((d) => (
                  <tr key={d.id}>
                    <td>{d.date}</td>
                    <td>
                      <a href={`#/document/${d.id}`}>{d.title ?? `Document ${d.id}`}</a>
                      <div className="snippet">{d.snippet}</div>
                    </td>
                    <td className="source">{d.url ? <a href={d.url} rel="noreferrer noopener" target="_blank">{hostOf(d.url)}</a> : '—'}</td>
                    <td className="num">{d.facts}</td>
                    <td className="num">{d.proposed ? <a href={`#/review?document=${d.id}`}>{d.proposed}</a> : 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {hasMore ? <button type="button" onClick={more}>Show more</button> : null}
        </>
      )}
    </section>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

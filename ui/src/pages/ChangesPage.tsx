import { useEffect, useState } from 'react';
import { get, type ChangePage } from '../api';
import { ErrorBox } from '../components/ErrorBox';

/** The change feed: what entered, left or changed in the registry, newest page first read in order, with its cause. */
export function ChangesPage() {
  const [since, setSince] = useState('');
  const [list, setList] = useState('');
  const [page, setPage] = useState<ChangePage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = (from: string) => {
    const q = new URLSearchParams({ limit: '200', ...(from ? { since: from } : {}), ...(list ? { list } : {}) });
    get<ChangePage>(`/changes?${q.toString()}`).then(setPage, setError);
  };
  useEffect(() => load(''), []);
  return (
    <section>
      <h1>Changes <small>entities added to lists, removed, or changed, with their cause</small></h1>
      <form className="row" onSubmit={(e) => { e.preventDefault(); setError(null); load(since); }}>
        <label>From day or cursor <input value={since} onChange={(e) => setSince(e.target.value)} placeholder="2026-02-27 or c123" /></label>
        <label>List <input value={list} onChange={(e) => setList(e.target.value)} placeholder="un-sc" /></label>
        <button type="submit">Show</button>
      </form>
      <ErrorBox error={error} />
      {!page ? <p>Loading…</p> : page.changes.length === 0 ? <p>No change{since ? ` since ${since}` : ''}.</p> : (
        <>
          <table className="changes">
            <thead><tr><th>when</th><th>change</th><th>entity</th><th>list</th><th>what</th><th>cause</th></tr></thead>
            <tbody>
              {page.changes.map((c) => (
                <tr key={c.cursor} data-testid="change-row">
                  <td>{c.at.slice(0, 10)}</td>
                  <td>{c.change}</td>
                  <td><a href={`#/entity/${c.entity.id}`}>{c.entity.name}</a></td>
                  <td>{c.list ?? '—'}</td>
                  <td>{Object.entries(c.detail).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('; ') : String(v)}`).join(', ')}</td>
                  <td><small>{c.cause}</small></td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.more ? <p><button type="button" onClick={() => { setSince(page.next ?? ''); load(page.next ?? ''); }}>Next {page.changes.length}</button></p> : null}
        </>
      )}
    </section>
  );
}

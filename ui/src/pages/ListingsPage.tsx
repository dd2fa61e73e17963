import { type FormEvent, useState } from 'react';
import { download, get, type Listing } from '../api';
import { ErrorBox } from '../components/ErrorBox';

export function ListingsPage() {
  const [jurisdiction, setJurisdiction] = useState('PK');
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [rows, setRows] = useState<Listing[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      const r = await get<{ organisations: Listing[] }>(`/listings?jurisdiction=${encodeURIComponent(jurisdiction)}&asOf=${asOf}`);
      setRows(r.organisations);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section>
      <h1>Listings</h1>
      <form onSubmit={submit}>
        <label>Jurisdiction <input value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value.toUpperCase())} size={4} /></label>
        <label>As of <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
        <button type="submit">Show</button>{' '}
        <button type="button" onClick={() => download('/export/csv', 'registry.csv').catch(setError)}>Export CSV</button>{' '}
        <button type="button" onClick={() => download('/export/ftm', 'registry.ftm.jsonl').catch(setError)}>Export FtM</button>
      </form>
      <ErrorBox error={error} />
      {rows ? (
        <table>
          <thead><tr><th>organisation</th><th>refs</th><th>since</th></tr></thead>
          <tbody>{rows.map((r) => <tr key={r.entity.id}><td><a href={`#/entity/${r.entity.id}`}>{r.entity.name}</a></td><td>{r.entity.refs.join(', ')}</td><td>{r.sinceAsStated ?? r.since ?? 'unknown'}</td></tr>)}</tbody>
        </table>
      ) : null}
    </section>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { get, type ListDetail, type ListHistory, type ListingsResponse } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { LinkedList } from '../components/LinkedList';
import { YearChart } from '../components/YearChart';
import { MEASURE_WORDS } from './ListsPage';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** One list: what it is and where it comes from, its changes per year, what it holds on a day, and what changed between two days. */
export function ListPage({ id }: { id: string }) {
  const [detail, setDetail] = useState<ListDetail | null>(null);
  const [asOf, setAsOf] = useState(today());
  const [entries, setEntries] = useState<ListingsResponse | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(today());
  const [changes, setChanges] = useState<ListHistory | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setError(null);
    get<ListDetail>(`/lists/${encodeURIComponent(id)}`).then(setDetail, setError);
  }, [id]);
  useEffect(() => {
    get<ListingsResponse>(`/listings?list=${encodeURIComponent(id)}&asOf=${asOf}`).then(setEntries, setError);
  }, [id, asOf]);

  async function showChanges(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      const q = new URLSearchParams();
      if (from) q.set('from', from);
      if (to) q.set('to', to);
      setChanges(await get<ListHistory>(`/lists/${encodeURIComponent(id)}/changes?${q.toString()}`));
    } catch (e) {
      setError(e);
    }
  }

  if (error && !detail) return <ErrorBox error={error} />;
  if (!detail) return <p>Loading…</p>;
  const l = detail.list;
  return (
    <section className="list-page">
      <h1>{l.title} <small><code>{l.id}</code> · {l.jurisdiction} · {MEASURE_WORDS[l.measure] ?? l.measure}</small></h1>
      <dl className="list-facts">
        {l.authority ? <><dt>Authority</dt><dd>{l.authority}</dd></> : null}
        {l.law ? <><dt>Law</dt><dd>{l.law}</dd></> : null}
        {l.sourceUrl ? <><dt>Publisher</dt><dd><a href={l.sourceUrl} rel="noreferrer noopener" target="_blank">{l.sourceUrl}</a></dd></> : null}
        <dt>Version</dt><dd>{detail.versionOf ?? 'undated'}; imported {detail.lastImport ? detail.lastImport.importedAt.slice(0, 10) : 'never'} ({detail.imports} import{detail.imports === 1 ? '' : 's'})</dd>
        <dt>Entries</dt><dd data-testid="list-size">{detail.inForce} in force today, {detail.entries} ever listed</dd>
        {l.notes ? <><dt>Coverage</dt><dd>{l.notes}</dd></> : null}
      </dl>

      <h2>Additions and removals per year</h2>
      <YearChart years={detail.perYear} undated={detail.undated} />

      <h2>On the list on <input type="date" aria-label="as of" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></h2>
      <ErrorBox error={error} />
      {entries ? (
        <>
          <p data-testid="entries-count">{entries.organisations.length} entries in force on {entries.asOf}</p>
          <table className="entries">
            <thead><tr><th>name</th><th>kind</th><th>since</th></tr></thead>
            <tbody>
              {entries.organisations.map((o) => {
                const own = o.listings.find((x) => x.list === l.id);
                return (
                  <tr key={o.entity.id} data-testid="entry">
                    <td>
                      <a href={`#/entity/${o.entity.id}`}>{own?.listedAs ?? o.entity.name}</a>
                      {own?.listedAs && own.listedAs.toLowerCase() !== o.entity.name.toLowerCase() ? <small> ({o.entity.name})</small> : null}
                    </td>
                    <td>{o.entity.kind}</td>
                    <td>{own ? (own.sinceAsStated ?? own.since ?? 'no date on the list') : ''}{own?.programs ? ` [${own.programs}]` : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {entries.linked.length ? (
            <>
              <h3>Linked through lineage (not listed themselves)</h3>
              <LinkedList linked={entries.linked} />
            </>
          ) : null}
        </>
      ) : <p>Loading…</p>}

      <h2>Changes between two days</h2>
      <form onSubmit={showChanges}>
        <label>From <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label>To <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} /></label>
        <button type="submit">Show changes</button>
      </form>
      {changes ? (
        changes.changes.length === 0 ? <p>No changes in that period.</p> : (
          <table className="changes">
            <thead><tr><th>day</th><th>change</th><th>entry</th></tr></thead>
            <tbody>
              {changes.changes.map((c, i) => (
                <tr key={i} className={c.change} data-testid="change">
                  <td>{c.day}{c.asStated && c.asStated !== c.day ? <small> (the list says {c.asStated})</small> : null}</td>
                  <td>{c.change}</td>
                  <td><a href={`#/entity/${c.entity.id}`}>{c.entity.name}</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { describeListing, download, get, type ListingsResponse } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { LinkedList } from '../components/LinkedList';

/** What a jurisdiction bans (or named lists hold) on a day, and what is linked to it through lineage. */
export function ListingsPage() {
  const [jurisdiction, setJurisdiction] = useState('PK');
  const [measure, setMeasure] = useState('');
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [answer, setAnswer] = useState<ListingsResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      const q = new URLSearchParams({ jurisdiction, asOf });
      if (measure) q.set('measure', measure);
      setAnswer(await get<ListingsResponse>(`/listings?${q.toString()}`));
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section>
      <h1>Listings</h1>
      <form onSubmit={submit}>
        <label>Jurisdiction <input name="jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} size={10} placeholder="PK, GB, US, UN" /></label>
        <label>Measures <select name="measure" value={measure} onChange={(e) => setMeasure(e.target.value)}>
          <option value="">bans (default)</option>
          <option value="all">every list</option>
          <option value="sanctions">sanctions designations</option>
          <option value="watch">watch lists</option>
        </select></label>
        <label>As of <input type="date" name="asOf" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
        <button type="submit">Show</button>{' '}
        <button type="button" onClick={() => download('/export/csv', 'registry.csv').catch(setError)}>Export CSV</button>{' '}
        <button type="button" onClick={() => download('/export/ftm', 'registry.ftm.jsonl').catch(setError)}>Export FtM</button>
      </form>
      <ErrorBox error={error} />
      {answer ? (
        <>
          <p data-testid="listings-summary">
            {answer.organisations.length} listed in {answer.jurisdiction} on {answer.asOf}:{' '}
            {answer.lists.map((l, i) => <span key={l.id}>{i ? ', ' : ''}<a href={`#/list/${l.id}`}>{l.id}</a> ({l.measure})</span>)}
            {answer.reported ? `${answer.lists.length ? ', ' : ''}bans reported in accepted news facts` : ''}
            {answer.otherLists.length ? <> · not counted: {answer.otherLists.map((l, i) => <span key={l.id}>{i ? ', ' : ''}<a href={`#/list/${l.id}`}>{l.id}</a> ({l.measure})</span>)}</> : null}
          </p>
          <table>
            <thead><tr><th>organisation</th><th>listed</th></tr></thead>
            <tbody>{answer.organisations.map((o) => (
              <tr key={o.entity.id} data-testid="listing">
                <td><a href={`#/entity/${o.entity.id}`}>{o.entity.name}</a> <small>{o.entity.kind}</small></td>
                <td>{o.listings.map(describeListing).join('; ')}</td>
              </tr>
            ))}</tbody>
          </table>
          {answer.linked.length ? (
            <>
              <h2>Linked through lineage <small>not listed themselves</small></h2>
              <LinkedList linked={answer.linked} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { describeListing, post, type ScreenHit, type ScreenResponse } from '../api';
import { ErrorBox } from '../components/ErrorBox';

/** The kinds a screening can be restricted to, as the API names them. */
export const KIND_CHOICES: readonly { value: string; label: string }[] = [
  { value: '', label: 'any kind' },
  { value: 'organisation', label: 'organisations' },
  { value: 'person', label: 'people' },
  { value: 'organisation,person', label: 'organisations and people' },
  { value: 'vessel', label: 'vessels' },
  { value: 'aircraft', label: 'aircraft' },
];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function Listed({ hit }: { hit: ScreenHit }) {
  if (hit.status === 'linked' && hit.via?.length) {
    const last = hit.via[hit.via.length - 1]!;
    return (
      <span className="linked">
        not listed itself; linked through lineage since {hit.linked_since ?? 'an unknown date'}:{' '}
        {hit.via.map((step, i) => (
          <span key={i}>
            {step.predicate.replace('_', ' ')} <a href={`#/entity/${step.entity.id}`}>{step.entity.name}</a>
            {i < hit.via!.length - 1 ? ' → ' : ''}
          </span>
        ))}
        {last.listings?.length ? ` (${last.listings.map(describeListing).join('; ')})` : ''}
      </span>
    );
  }
  if (hit.listed) {
    return (
      <span className="listed">
        listed:
        <ul className="hit-listings">
          {hit.listings.map((l, i) => (
            <li key={i}>{l.list ? <a href={`#/list/${l.list}`}>{l.list}</a> : `reported ban (${l.jurisdiction})`}{l.programs ? ` [${l.programs}]` : ''} since {l.sinceAsStated ?? l.since ?? 'an unknown date'}</li>
          ))}
        </ul>
      </span>
    );
  }
  return <span className="not-listed">not listed</span>;
}

type Explanation = NonNullable<ScreenHit['explanation']>;

/** The token alignment as a table: each pair's similarity × weight adds up to the score. */
function ExplanationTable({ e }: { e: Explanation }) {
  return (
    <div data-testid="explanation" className="explanation">
      <p>“{e.query}” against “{e.matchedName}” — rules: {e.rules.join(', ')}</p>
      <table>
        <thead><tr><th>query word</th><th>name word</th><th>similarity</th><th>weight</th><th>rule</th></tr></thead>
        <tbody>
          {e.alignment.map((a, i) => (
            <tr key={i} className={a.rule === 'unmatched' ? 'unmatched' : undefined}>
              <td>{a.query ?? '—'}</td>
              <td>{a.name ?? '—'}</td>
              <td className="score">{a.similarity.toFixed(3)}</td>
              <td className="score">{a.weight.toFixed(3)}</td>
              <td>{a.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HitRow({ hit }: { hit: ScreenHit }) {
  const [open, setOpen] = useState(false);
  const e = hit.explanation;
  return (
    <>
      <tr className={hit.alert ? 'alert' : undefined} data-testid="hit">
        <td>{hit.alert ? <strong className="badge">ALERT</strong> : null}</td>
        <td className="score">{hit.score.toFixed(3)}</td>
        <td>
          <a href={`#/entity/${hit.entity.id}`}>{hit.entity.name}</a> <small>{hit.entity.refs.join(', ')}</small>
        </td>
        <td data-testid="matched">{hit.matched_name}</td>
        <td><Listed hit={hit} /></td>
        <td><button type="button" onClick={() => setOpen(!open)}>{open ? 'hide' : 'why'}</button></td>
      </tr>
      {open ? (
        <tr className="explain">
          <td colSpan={6}>
            {e ? <ExplanationTable e={e} /> : 'no explanation'}
            {hit.lineage?.length ? (
              <ul className="lineage">
                {hit.lineage.map((step, i) => (
                  <li key={i}>
                    {step.predicate.replace('_', ' ')} <a href={`#/entity/${step.entity.id}`}>{step.entity.name}</a>
                    {step.sentence ? <q>{step.sentence}</q> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function ScreenPage() {
  const [names, setNames] = useState('');
  const [asOf, setAsOf] = useState(today());
  const [threshold, setThreshold] = useState('');
  const [kinds, setKinds] = useState('');
  const [lists, setLists] = useState('');
  const [result, setResult] = useState<ScreenResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const list = names.split('\n').map((n) => n.trim()).filter(Boolean);
      const body: Record<string, unknown> = { names: list, asOf };
      if (threshold) body.threshold = Number(threshold);
      if (kinds) body.kinds = kinds.split(',');
      const chosen = lists.split(',').map((x) => x.trim()).filter(Boolean);
      if (chosen.length) body.lists = chosen;
      setResult(await post<ScreenResponse>('/screen', body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>Screen names</h1>
      <form onSubmit={submit} className="screen-form">
        <label>
          Names, one per line
          <textarea name="names" rows={3} value={names} onChange={(e) => setNames(e.target.value)} placeholder="Lashkar Tayyiba" required />
        </label>
        <label>
          As of <input type="date" name="asOf" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <label>
          Threshold <input type="number" name="threshold" min={0} max={1} step={0.01} value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder="default" />
        </label>
        <label>
          Against <select name="kinds" value={kinds} onChange={(e) => setKinds(e.target.value)}>
            {KIND_CHOICES.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        </label>
        <label>
          Lists <input name="lists" value={lists} onChange={(e) => setLists(e.target.value)} placeholder="all (or pk-nacta,un-sc)" size={18} />
        </label>
        <button type="submit" disabled={busy}>{busy ? 'Screening…' : 'Screen'}</button>
      </form>
      <ErrorBox error={error} />
      {result?.results.map((r, i) => (
        <div key={i} className="result">
          <h2>“{r.query}” — {r.hits.length ? `${r.hits.filter((h) => h.alert).length} alert(s), ${r.hits.length} hit(s)` : 'no hits'} <small>as of {result.asOf}, threshold {result.threshold}</small></h2>
          {r.hits.length ? (
            <table className="hits">
              <thead><tr><th /><th>score</th><th>entity</th><th>matched name</th><th>status</th><th /></tr></thead>
              <tbody>{r.hits.map((h, j) => <HitRow key={j} hit={h} />)}</tbody>
            </table>
          ) : null}
        </div>
      ))}
    </section>
  );
}

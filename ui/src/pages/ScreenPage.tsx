import { type FormEvent, useState } from 'react';
import { describeListing, listingLabel, post, type ScreenHit, type ScreenResponse } from '../api';
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

function Listed({ hit, asOf }: { hit: ScreenHit; asOf: string }) {
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
            <li key={i}>{l.list ? <a href={`#/list/${l.list}`}>{l.list}</a> : listingLabel(l)}{l.programs ? ` [${l.programs}]` : ''} since {l.sinceAsStated ?? l.since ?? 'an unknown date'}</li>
          ))}
        </ul>
      </span>
    );
  }
  return <span className="not-listed">{hit.alert ? `the name matches, but this entity is not listed on ${asOf}` : 'not listed'}</span>;
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

/** Alarm colours only for an alert; a hit below the threshold is shown, muted, for the record. */
function rowClass(hit: ScreenHit): string {
  if (!hit.alert) return 'below';
  return hit.listed || hit.status === 'linked' ? 'alert' : 'alert unlisted';
}

function HitRow({ hit, asOf }: { hit: ScreenHit; asOf: string }) {
  const [open, setOpen] = useState(false);
  const e = hit.explanation;
  return (
    <>
      <tr className={rowClass(hit)} data-testid="hit">
        <td>{hit.alert ? <strong className="badge" title={hit.listed || hit.status === 'linked' ? 'the score reaches the threshold and the entity is banned' : 'the score reaches the threshold; the entity is not banned'}>{hit.listed || hit.status === 'linked' ? 'ALERT' : 'MATCH'}</strong> : <small>below threshold</small>}</td>
        <td className="score">{hit.score.toFixed(3)}</td>
        <td>
          <a href={`#/entity/${hit.entity.id}`}>{hit.entity.name}</a> <small>{hit.entity.refs.join(', ')}</small>
        </td>
        <td data-testid="matched">{hit.matched_name}</td>
        <td><Listed hit={hit} asOf={asOf} /></td>
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

function csvCell(v: string | number | boolean): string {
  const t = String(v);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** One row per hit (a name without hits gets one empty row), as a compliance file keeps them. */
function toCsv(r: ScreenResponse): string {
  const head = ['query', 'as_of', 'threshold', 'alert', 'score', 'entity_id', 'entity', 'matched_name', 'status', 'listings', 'via'];
  const rows: (string | number | boolean)[][] = [];
  for (const res of r.results) {
    if (!res.hits.length) rows.push([res.query, r.asOf, r.threshold, false, '', '', '', '', 'no hits', '', '']);
    for (const h of res.hits) {
      rows.push([
        res.query, r.asOf, r.threshold, h.alert, h.score.toFixed(3), h.entity.id, h.entity.name, h.matched_name, h.status,
        h.listings.map(describeListing).join('; '), (h.via ?? []).map((v) => `${v.predicate} ${v.entity.name}`).join(' > '),
      ]);
    }
  }
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function save(text: string, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
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
      {result ? (
        <p className="export">
          Export these results: <button type="button" onClick={() => save(toCsv(result), 'text/csv', `screening-${result.asOf}.csv`)}>CSV</button>{' '}
          <button type="button" onClick={() => save(JSON.stringify(result, null, 2), 'application/json', `screening-${result.asOf}.json`)}>JSON</button>
        </p>
      ) : null}
      {result?.results.map((r, i) => (
        <div key={i} className="result">
          <h2>“{r.query}” — {r.hits.length ? `${r.hits.filter((h) => h.alert).length} alert(s), ${r.hits.length} hit(s)` : 'no hits'} <small>as of {result.asOf}, threshold {result.threshold}</small></h2>
          {r.hits.length ? (
            <table className="hits">
              <thead><tr><th /><th>score</th><th>entity</th><th>matched name</th><th>status</th><th /></tr></thead>
              <tbody>{r.hits.map((h, j) => <HitRow key={j} hit={h} asOf={result.asOf} />)}</tbody>
            </table>
          ) : null}
        </div>
      ))}
    </section>
  );
}

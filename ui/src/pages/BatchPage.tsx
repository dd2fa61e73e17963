import { type FormEvent, useEffect, useState } from 'react';
import { download, get, type JobStatus, postForm } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { KIND_CHOICES } from './ScreenPage';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What a finished batch found: counts, the strongest alerts, and the two downloads. */
function Summary({ job, onError }: { job: JobStatus; onError: (e: unknown) => void }) {
  const s = job.summary;
  if (!s) return null;
  const base = `${job.id.slice(0, 8)}-screened`;
  return (
    <div className="summary" data-testid="batch-summary">
      <p>
        <strong>{s.rows}</strong> rows screened as of {job.asOf} (threshold {job.threshold}): <strong className={s.alerts ? 'alert-count' : undefined}>{s.alerts}</strong> with an alert;
        top hit listed itself in {s.listed}, linked to a listed group through lineage in {s.linked}.
      </p>
      <p>
        <button type="button" onClick={() => download(`/screen/jobs/${job.id}/result`, `${base}.csv`).catch(onError)}>Download CSV</button>{' '}
        <button type="button" onClick={() => download(`/screen/jobs/${job.id}/result?format=jsonl`, `${base}.jsonl`).catch(onError)}>Download JSON Lines</button>
      </p>
      {s.topAlerts.length ? (
        <div className="table-wrap">
          <table data-testid="top-alerts">
            <caption>Strongest alerts{s.alerts > s.topAlerts.length ? ` (${s.topAlerts.length} of ${s.alerts})` : ''}</caption>
            <thead><tr><th>row</th><th>name screened</th><th>hit</th><th>matched name</th><th className="num">score</th><th>status</th></tr></thead>
            <tbody>
              {s.topAlerts.map((a) => (
                <tr key={a.row}>
                  <td className="num">{a.row}</td>
                  <td>{a.query}</td>
                  <td><a href={`#/entity/${a.entity.id}`}>{a.entity.name}</a></td>
                  <td>{a.matchedName}</td>
                  <td className="num">{a.score.toFixed(3)}</td>
                  <td>{a.status === 'listed' ? `listed: ${a.listings.join(', ')}` : a.status === 'linked' ? 'linked through lineage' : 'name matches; not listed on that day'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>No row raised an alert.</p>}
    </div>
  );
}

export function BatchPage() {
  const [file, setFile] = useState<File | null>(null);
  const [column, setColumn] = useState('name');
  const [kinds, setKinds] = useState('');
  const [asOf, setAsOf] = useState(today());
  const [threshold, setThreshold] = useState('');
  const [lists, setLists] = useState('');
  const [closest, setClosest] = useState(false);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const t = setTimeout(() => get<JobStatus>(`/screen/jobs/${job.id}`).then(setJob, setError), 400);
    return () => clearTimeout(t);
  }, [job]);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!file) return;
    setError(null);
    const form = new FormData();
    form.append('column', column);
    form.append('asOf', asOf);
    if (threshold) form.append('threshold', threshold);
    if (kinds) form.append('kinds', kinds);
    if (lists.trim()) form.append('lists', lists.trim());
    if (closest) form.append('closest', 'true');
    form.append('file', file);
    try {
      setJob(await postForm<JobStatus>('/screen/jobs', form));
    } catch (e) {
      setError(e);
    }
  }

  const pct = job?.total ? Math.round((100 * job.processed) / job.total) : job?.status === 'done' ? 100 : null;
  return (
    <section>
      <h1>Batch screening</h1>
      <form onSubmit={submit}>
        <label>CSV file (with a header row) <input type="file" name="file" accept=".csv,text/csv,.jsonl" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required /></label>
        <label>Column with the names <input name="column" value={column} onChange={(e) => setColumn(e.target.value)} /></label>
        <label>As of <input type="date" name="asOf" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
        <label>Threshold <input type="number" name="threshold" min={0} max={1} step={0.01} value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder="default" /></label>
        <label>
          Against <select name="kinds" value={kinds} onChange={(e) => setKinds(e.target.value)}>
            {KIND_CHOICES.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        </label>
        <label>Lists <input name="lists" value={lists} onChange={(e) => setLists(e.target.value)} placeholder="all (or pk-nacta,un-sc)" /></label>
        <label title="Every alert is found either way; this also finds the closest match of rows without one, and is slower.">
          <span><input type="checkbox" name="closest" checked={closest} onChange={(e) => setClosest(e.target.checked)} /> closest match for rows without an alert</span>
        </label>
        <button type="submit">Start</button>
      </form>
      <ErrorBox error={error} />
      {job ? (
        <div className="job" data-testid="job" data-status={job.status}>
          {job.status !== 'done' ? (
            <>
              <progress max={100} value={pct ?? undefined} aria-label="progress" />
              <span> {job.status}: {job.processed}{job.total ? ` of ${job.total}` : ''} rows</span>
            </>
          ) : null}
          {job.error ? <p className="error">{job.error.message}</p> : null}
          {job.status === 'done' ? <Summary job={job} onError={setError} /> : null}
        </div>
      ) : <p className="empty">Choose a CSV with a column of names; the result has every row with its top hit.</p>}
    </section>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { download, get, type JobStatus, postForm } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { KIND_CHOICES } from './ScreenPage';

export function BatchPage() {
  const [file, setFile] = useState<File | null>(null);
  const [column, setColumn] = useState('name');
  const [kinds, setKinds] = useState('');
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
    if (kinds) form.append('kinds', kinds);
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
        <label>
          Against <select name="kinds" value={kinds} onChange={(e) => setKinds(e.target.value)}>
            {KIND_CHOICES.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        </label>
        <label title="Every alert is found either way; this also finds the closest match of rows without one, and is slower.">
          <input type="checkbox" name="closest" checked={closest} onChange={(e) => setClosest(e.target.checked)} /> closest match for rows without an alert
        </label>
        <button type="submit">Start</button>
      </form>
      <ErrorBox error={error} />
      {job ? (
        <div className="job" data-testid="job" data-status={job.status}>
          <progress max={100} value={pct ?? undefined} aria-label="progress" />
          <span> {job.status}: {job.processed}{job.total ? ` of ${job.total}` : ''} rows</span>
          {job.error ? <p className="error">{job.error}</p> : null}
          {job.status === 'done' ? <button type="button" onClick={() => download(`/screen/jobs/${job.id}/result`, 'screening-result.csv').catch(setError)}>Download result</button> : null}
        </div>
      ) : null}
    </section>
  );
}

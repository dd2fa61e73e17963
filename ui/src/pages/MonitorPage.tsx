import { useEffect, useState } from 'react';
import { get, post, type MonitorAlert, type MonitorRun } from '../api';
import { ErrorBox } from '../components/ErrorBox';

interface Alerts {
  monitor: string;
  alerts: (MonitorAlert & { dismissed: boolean })[];
  runs: { at: string; baseline: boolean; open: number; new: number; changed: number; cleared: number; alerts: MonitorAlert[] }[];
}

/** One monitor: its open alerts (with a false-positive button) and what its recent runs reported. */
export function MonitorPage({ name }: { name: string }) {
  const [data, setData] = useState<Alerts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ran, setRan] = useState<MonitorRun | null>(null);
  const path = `/monitors/${encodeURIComponent(name)}`;
  const load = () => get<Alerts>(`${path}/alerts`).then(setData, setError);
  useEffect(() => {
    void load();
  }, [name]);
  const run = async () => {
    try {
      setRan(await post<MonitorRun>(`${path}/run`, { force: true }));
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const dismiss = async (a: MonitorAlert) => {
    try {
      await post(`${path}/dismissals`, { row: a.row, entity: a.entity.id, note: 'false positive (web)' });
      await load();
    } catch (e) {
      setError(e);
    }
  };
  if (error) return <ErrorBox error={error} />;
  if (!data) return <p>Loading…</p>;
  return (
    <section>
      <h1>Monitor {data.monitor} <small>{plural(data.alerts.length, 'open alert')}</small></h1>
      <p><button type="button" onClick={() => void run()}>Screen again now</button> {ran ? <span role="status">{ran.counts.new} new, {ran.counts.changed} changed, {ran.counts.cleared} cleared</span> : null}</p>
      {data.alerts.length === 0 ? <p>No open alert.</p> : (
        <table className="alerts">
          <thead><tr><th className="num">row</th><th>name</th><th>entity</th><th className="num">score</th><th>why</th><th /></tr></thead>
          <tbody>
            {data.alerts.map((a) => (
              <tr key={`${a.row}:${a.entity.id}`} data-testid="alert-row" className={a.dismissed ? 'dismissed' : undefined}>
                <td className="num">{a.row}</td>
                <td>{a.name}</td>
                <td><a href={`#/entity/${a.entity.id}`}>{a.entity.name}</a><br /><small>matched “{a.matchedName}”</small></td>
                <td className="num">{a.score.toFixed(3)}</td>
                <td>{a.why}</td>
                <td>{a.dismissed ? <em>dismissed as a false positive</em> : <button type="button" onClick={() => void dismiss(a)}>False positive</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Recent runs</h2>
      {data.runs.length === 0 ? <p>Not run yet.</p> : data.runs.map((r) => (
        <div key={r.at} className="run" data-testid="monitor-run">
          <h3>{r.at.slice(0, 16).replace('T', ' ')}: {r.baseline ? `baseline: ${plural(r.open, 'open alert')} when the names were added` : `${r.new} new, ${r.changed} changed, ${r.cleared} cleared`}</h3>
          <ul>{r.alerts.map((a) => <li key={`${a.change}:${a.row}:${a.entity.id}`}><strong>{a.change}</strong> row {a.row} “{a.name}”: {a.why}</li>)}</ul>
        </div>
      ))}
    </section>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

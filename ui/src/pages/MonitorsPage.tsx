import { useEffect, useState } from 'react';
import { get, post, type MonitorRun, type MonitorSummary } from '../api';
import { ErrorBox } from '../components/ErrorBox';

/** Monitored customer files: each screened again after registry changes, reporting only what moved. */
export function MonitorsPage() {
  const [monitors, setMonitors] = useState<MonitorSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [names, setNames] = useState('');
  const [added, setAdded] = useState<MonitorRun | null>(null);
  const load = () => get<{ monitors: MonitorSummary[] }>('/monitors').then((r) => setMonitors(r.monitors), setError);
  useEffect(() => {
    void load();
  }, []);
  const add = async () => {
    setError(null);
    try {
      const run = await post<MonitorRun>('/monitors', { name: name.trim(), names: names.split('\n').map((n) => n.trim()).filter(Boolean) });
      setAdded(run);
      setName('');
      setNames('');
      await load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>Monitors <small>customer files screened again whenever the registry changes</small></h1>
      <ErrorBox error={error} />
      {monitors === null ? <p>Loading…</p> : monitors.length === 0 ? <p>No monitored file yet: add one below, or <code>proscribe monitor add --name NAME --input FILE.csv</code>.</p> : (
        <table className="monitors">
          <thead><tr><th>monitor</th><th className="num">rows</th><th className="num">open alerts</th><th className="num">dismissed</th><th>last run</th><th>from</th></tr></thead>
          <tbody>
            {monitors.map((m) => (
              <tr key={m.name} data-testid="monitor-row">
                <td><a href={`#/monitor/${encodeURIComponent(m.name)}`}>{m.name}</a></td>
                <td className="num">{m.rows}</td>
                <td className="num">{m.openAlerts}</td>
                <td className="num">{m.dismissed}</td>
                <td>{m.lastRunAt ? m.lastRunAt.slice(0, 16).replace('T', ' ') : 'never'}</td>
                <td><small>{m.sourceFile}</small></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Monitor names</h2>
      <form className="stack" onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <label>Name of the monitor <input value={name} onChange={(e) => setName(e.target.value)} placeholder="customers-2026" required /></label>
        <label>Names, one per line <textarea rows={6} value={names} onChange={(e) => setNames(e.target.value)} required /></label>
        <button type="submit">Add and screen as the baseline</button>
      </form>
      {added ? <p role="status">Monitor {added.monitor}: {added.rows} names, {added.counts.open} open alerts at baseline. Later runs report only what changes.</p> : null}
    </section>
  );
}

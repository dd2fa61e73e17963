import { useEffect, useState } from 'react';
import { get, type ListSummary } from '../api';
import { ErrorBox } from '../components/ErrorBox';

export const MEASURE_WORDS: Record<string, string> = {
  ban: 'ban of an organisation',
  sanctions: 'financial sanctions designation',
  watch: 'under observation (not a ban)',
};

/** Every list in the registry: what it is, how big, what is in force today, its version and last import. */
export function ListsPage() {
  const [lists, setLists] = useState<ListSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<{ lists: ListSummary[] }>('/lists').then((r) => setLists(r.lists), setError);
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!lists) return <p>Loading…</p>;
  return (
    <section>
      <h1>Lists <small>{lists.length} in the registry</small></h1>
      {lists.length === 0 ? <p>No list yet: run <code>proscribe bootstrap</code> or import one.</p> : (
        <table className="lists">
          <thead><tr><th>list</th><th>jurisdiction</th><th>measure</th><th className="num">in force today</th><th className="num">entries</th><th>version</th><th>last import</th></tr></thead>
          <tbody>
            {lists.map((s) => (
              <tr key={s.list.id} data-testid="list-row">
                <td><a href={`#/list/${s.list.id}`}>{s.list.title}</a><br /><small><code>{s.list.id}</code></small></td>
                <td>{s.list.jurisdiction}</td>
                <td>{MEASURE_WORDS[s.list.measure] ?? s.list.measure}</td>
                <td className="num">{s.inForce}</td>
                <td className="num">{s.entries}</td>
                <td>{s.versionOf ?? 'undated'}</td>
                <td>{s.lastImport ? s.lastImport.importedAt.slice(0, 10) : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

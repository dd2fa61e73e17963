import { useCallback, useEffect, useState } from 'react';
import { attributionText, describeListing, type EntityProfile, get, isoMinute, listingLabel } from '../api';
import { AddFactForm, AddNameForm, RemoveNameButton, RenameForm, WithdrawButton } from '../components/EntityForms';
import { ErrorBox } from '../components/ErrorBox';
import { Highlighted } from '../components/Highlighted';
import { LineageGraph } from '../components/LineageGraph';
import { Timeline } from '../components/Timeline';

export function EntityPage({ id }: { id: number }) {
  const [profile, setProfile] = useState<EntityProfile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    get<EntityProfile>(`/entities/${id}?asOf=${asOf}`).then(setProfile, setError);
  }, [id, asOf]);
  useEffect(load, [load]);
  const done = (m: string) => {
    setMessage(m);
    load();
  };

  if (error) return <ErrorBox error={error} />;
  if (!profile) return <p>Loading…</p>;
  const e = profile.entity;
  // The registry is what was accepted; proposals wait in the review queue.
  const accepted = profile.facts.filter((f) => f.status !== 'proposed');
  const pending = profile.facts.length - accepted.length;
  return (
    <section className="entity">
      <h1>{e.name} <small>{e.kind} · entity {e.id}{e.refs.length ? ` · ${e.refs.join(', ')}` : ''}</small></h1>
      {profile.mergedInto ? <p className="note">Entity {profile.requestedId} was merged into this entity.</p> : null}
      <p className={profile.status === 'listed' ? 'listed' : profile.status === 'linked' ? 'linked' : 'not-listed'} data-testid="status">
        {profile.status === 'listed' ? 'Listed' : profile.status === 'linked' ? 'Not listed itself; linked through lineage' : 'Not listed'} on{' '}
        <input type="date" value={asOf} onChange={(ev) => setAsOf(ev.target.value)} aria-label="as of" />
        {profile.status === 'listed' ? `: ${profile.listings.filter((l) => l.inForce).map((l) => `${listingLabel({ ...l, origin: l.periods[0]?.origin })} (${l.measure})`).join(', ')}` : ''}
        {profile.status === 'linked' ? ` since ${profile.linked?.since ?? 'an unknown date'}: ${profile.via.map((v) => `${v.predicate.replace('_', ' ')} ${v.to.name}`).join(' → ')} (${profile.linked?.parentListings.map(describeListing).join('; ')})` : ''}
      </p>

      {message ? <p className="note" role="status">{message}</p> : null}

      <h2>Names <small>{profile.names.filter((n) => !n.removedBy).length}</small></h2>
      <ul className="names" data-testid="names">
        {profile.names.map((n) => (
          <li key={n.id} className={n.removedBy ? 'removed' : undefined}>
            {n.removedBy ? <del>{n.text}</del> : n.text} <small>{n.type}{n.quality ? `, ${n.quality}` : ''}{n.removedBy ? `, removed by fact ${n.removedBy}` : ''}</small>
            {!n.removedBy && n.text !== e.name ? <> <RemoveNameButton entityId={e.id} name={n.text} onDone={done} /></> : null}
          </li>
        ))}
      </ul>
      <details className="curation">
        <summary>Edit names</summary>
        <AddNameForm entityId={e.id} onDone={done} />
        <RenameForm entityId={e.id} current={e.name} onDone={done} />
      </details>

      <h2>Listing timeline</h2>
      <Timeline listings={profile.listings} asOf={asOf} />
      {profile.listings.length ? (
        <table className="listings" data-testid="listings">
          <thead><tr><th>list</th><th>measure</th><th>periods</th></tr></thead>
          <tbody>
            {profile.listings.map((l) => (
              <tr key={`${l.jurisdiction}:${l.list ?? ''}`} className={l.inForce ? 'in-force' : undefined}>
                <td>{l.list ? <a href={`#/list/${l.list}`}>{l.list}</a> : listingLabel({ ...l, origin: l.periods[0]?.origin })}</td>
                <td>{l.measure}</td>
                <td>{l.periods.map((p) => `${p.from === '0000-01-01' ? 'no date' : (p.fromAsStated ?? p.from)} – ${p.until ? (p.untilAsStated ?? p.until) : 'in force'}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>Lineage</h2>
      {profile.lineage.parents.length + profile.lineage.children.length ? <LineageGraph profile={profile} /> : <p>No lineage recorded.</p>}

      <details className="curation">
        <summary>Add a fact from a source you hold</summary>
        <AddFactForm entityId={e.id} onDone={done} />
      </details>

      <h2>Facts ({accepted.length}){pending ? <small> · {pending} proposed, awaiting <a href={`#/review?entity=${e.id}`}>review</a></small> : null}</h2>
      <ol className="facts">
        {accepted.map((f) => (
          <li key={f.id} className={`fact ${f.status}`} data-testid="fact">
            <div>
              <strong>{f.subject.name}</strong> {f.predicate.replace('_', ' ')}{' '}
              {f.object ? <a href={`#/entity/${f.object.id}`}>{f.object.name}</a> : f.objectLiteral}
              {f.date ? ` (${f.date})` : ''} <span className={`status ${f.status}`}>{f.status}</span> <small>confidence {f.confidence}</small>
            </div>
            {Object.keys(f.qualifiers).length ? <div className="qualifiers">{Object.entries(f.qualifiers).map(([k, v]) => `${k}: ${v}`).join(' · ')}</div> : null}
            {f.evidence.map((ev, i) => (
              <blockquote key={i} className="evidence">
                {ev.excerpt ? (
                  <Highlighted text={ev.excerpt.sentence} spans={[{ start: ev.excerpt.highlight.start, end: ev.excerpt.highlight.end, label: `fact ${f.id}` }]} />
                ) : ev.quote ? <q>{ev.quote}</q> : ev.document ? <em>no sentence recorded</em> : null}
                <footer>
                  {ev.document ? <a href={`#/document/${ev.document.id}?fact=${f.id}`}>{ev.document.title ?? `document ${ev.document.id}`}, published {ev.document.date}</a> : ev.source}
                  {ev.document?.url ? <> · <a href={ev.document.url} rel="noreferrer noopener" target="_blank">source</a></> : null}
                  {ev.attribution ? ` · ${attributionText(ev.attribution, ev.document !== null)}` : ''}
                </footer>
              </blockquote>
            ))}
            {f.decisions.map((d) => <div key={d.id} className="decision">{d.verdict} by {d.by} on {isoMinute(d.at)}{d.note ? `: ${d.note}` : ''}</div>)}
            {f.status === 'accepted' ? <WithdrawButton factId={f.id} onDone={done} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

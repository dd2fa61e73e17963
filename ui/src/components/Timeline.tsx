import { type EntityProfile, listingLabel } from '../api';

type Listing = EntityProfile['listings'][number];

const YEAR = 365.25 * 24 * 3600 * 1000;

/**
 * Listing periods per list as bars on one time axis, from the first ban to today. Plain boxes
 * placed in percent, so the axis fits any screen width and the labels stay readable on a phone.
 */
export function Timeline({ listings, asOf }: { listings: Listing[]; asOf: string }) {
  if (listings.length === 0) return <p className="empty">No listings: no list or accepted fact bans this entity.</p>;
  const today = new Date().toISOString().slice(0, 10);
  const now = Date.parse(asOf > today ? asOf : today);
  const starts = listings.flatMap((l) => l.periods.map((p) => (p.from === '0000-01-01' ? NaN : Date.parse(p.from)))).filter((t) => !Number.isNaN(t));
  const min = Math.min(...starts, now - YEAR) - YEAR / 4;
  const span = now - min;
  const pct = (t: number) => (100 * (t - min)) / span;
  return (
    <div className="timeline" role="img" aria-label="listing timeline">
      {listings.map((l) => {
        const label = listingLabel({ ...l, origin: l.periods[0]?.origin });
        return (
          <div key={`${l.jurisdiction}:${l.list ?? ''}`} className="timeline-row">
            <div className="timeline-label">{label}{l.inForce ? ' ●' : ''}</div>
            <div className="timeline-track">
              {l.periods.map((p, j) => {
                const from = p.from === '0000-01-01' ? min : Date.parse(p.from);
                const until = p.until ? Date.parse(p.until) : now;
                const title = `${label}: ${p.fromAsStated ?? (p.from === '0000-01-01' ? 'unknown date' : p.from)} – ${p.untilAsStated ?? p.until ?? 'in force'}`;
                return (
                  <span
                    key={j} className={p.until ? 'period ended' : 'period'} title={title}
                    style={{ left: `${pct(from)}%`, width: `max(2px, ${pct(until) - pct(from)}%)` }}
                  />
                );
              })}
            </div>
          </div>
        );
      })}
      <div className="timeline-axis"><span>{new Date(min).getUTCFullYear()}</span><span>{asOf}</span></div>
    </div>
  );
}

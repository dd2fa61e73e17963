import type { EntityProfile } from '../api';

type Listing = EntityProfile['listings'][number];

const YEAR = 365.25 * 24 * 3600 * 1000;

/** Listing periods per list as bars on one time axis, from the first ban to today. */
export function Timeline({ listings, asOf }: { listings: Listing[]; asOf: string }) {
  if (listings.length === 0) return <p>No listings.</p>;
  const now = Date.parse(asOf > new Date().toISOString().slice(0, 10) ? asOf : new Date().toISOString().slice(0, 10));
  const starts = listings.flatMap((l) => l.periods.map((p) => (p.from === '0000-01-01' ? NaN : Date.parse(p.from)))).filter((t) => !Number.isNaN(t));
  const min = Math.min(...starts, now - YEAR) - YEAR / 4;
  const span = now - min;
  const x = (t: number) => 120 + ((t - min) / span) * 560;
  const row = 28;
  return (
    <svg className="timeline" width={700} height={listings.length * row + 30} role="img" aria-label="listing timeline">
      {listings.map((l, i) => (
        <g key={`${l.jurisdiction}:${l.list ?? ''}`} transform={`translate(0, ${i * row + 10})`}>
          <text x={0} y={14}>{l.list ?? `reported (${l.jurisdiction})`}{l.inForce ? ' ●' : ''}</text>
          {l.periods.map((p, j) => {
            const from = p.from === '0000-01-01' ? min : Date.parse(p.from);
            const until = p.until ? Date.parse(p.until) : now;
            return (
              <rect key={j} x={x(from)} y={2} width={Math.max(2, x(until) - x(from))} height={16} className={p.until ? 'period ended' : 'period'}>
                <title>{`${l.list ?? `reported ban (${l.jurisdiction})`}: ${p.fromAsStated ?? (p.from === '0000-01-01' ? 'unknown date' : p.from)} – ${p.untilAsStated ?? p.until ?? 'in force'}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
      <g transform={`translate(0, ${listings.length * row + 18})`}>
        <text x={120} y={8}>{new Date(min).getUTCFullYear()}</text>
        <text x={680} y={8} textAnchor="end">{asOf}</text>
      </g>
    </svg>
  );
}

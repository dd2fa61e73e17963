import type { ListHistory } from '../api';

type Year = ListHistory['perYear'][number];

/**
 * Additions (and re-listings) above the axis and removals below it, one column per year from the
 * list's first dated change to its last. Plain SVG: a dozen rectangles need no charting library.
 */
export function YearChart({ years, undated }: { years: Year[]; undated: number }) {
  if (years.length === 0) return <p>No dated additions or removals{undated ? ` (${undated} entries have no listing date)` : ''}.</p>;
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  const all: Year[] = [];
  for (let y = first; y <= last; y++) all.push(years.find((x) => x.year === y) ?? { year: y, added: 0, relisted: 0, removed: 0 });
  const up = Math.max(1, ...all.map((y) => y.added + y.relisted));
  const down = Math.max(1, ...all.map((y) => y.removed));
  const width = Math.max(320, Math.min(1000, all.length * 22 + 60));
  const col = (width - 50) / all.length;
  const height = 180;
  const scale = (height - 40) / (up + down);
  const axis = 10 + up * scale;
  return (
    <figure className="year-chart">
      <svg width={width} height={height} role="img" aria-label="additions and removals per year">
        <line x1={40} x2={width} y1={axis} y2={axis} className="axis" />
        <text x={0} y={14} className="legend">+{up}</text>
        <text x={0} y={height - 24} className="legend">−{down}</text>
        {all.map((y, i) => {
          const x = 45 + i * col;
          const a = y.added * scale;
          const r = y.relisted * scale;
          const d = y.removed * scale;
          return (
            <g key={y.year} data-year={y.year}>
              <title>{`${y.year}: ${y.added} added, ${y.relisted} re-listed, ${y.removed} removed`}</title>
              <rect x={x} y={axis - a} width={col * 0.7} height={a} className="added" />
              <rect x={x} y={axis - a - r} width={col * 0.7} height={r} className="relisted" />
              <rect x={x} y={axis} width={col * 0.7} height={d} className="removed" />
              {all.length <= 16 || i % Math.ceil(all.length / 16) === 0 ? <text x={x} y={height - 6} className="year">{y.year}</text> : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="swatch added" /> added <span className="swatch relisted" /> re-listed <span className="swatch removed" /> removed
        {undated ? ` · ${undated} entries have no listing date (not shown)` : ''}
      </figcaption>
    </figure>
  );
}

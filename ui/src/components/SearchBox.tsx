import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { get, type SearchResult } from '../api';

const DEBOUNCE_MS = 150;

function statusText(r: SearchResult): string {
  if (r.status === 'listed') return `listed: ${r.listings.map((l) => l.list ?? l.jurisdiction).join(', ')}`;
  if (r.status === 'linked') return 'linked to a listed group';
  return r.in_registry ? 'not listed' : 'not in the registry';
}

/**
 * The header's entity search: type a name, an acronym or a piece of one; ↑/↓ choose, Enter opens
 * the entity, Esc closes. Answers arriving out of order are dropped, so fast typing never shows
 * the results of an older query.
 */
export function SearchBox() {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) {
      setResults([]);
      setError(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      get<{ results: SearchResult[] }>(`/entities?q=${encodeURIComponent(query)}&limit=10`).then(
        (r) => {
          if (mine !== seq.current) return;
          setResults(r.results);
          setActive(0);
          setError(null);
          setOpen(true);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setResults([]);
          setError(e instanceof Error ? e.message : String(e));
          setOpen(true);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  function go(r: SearchResult | undefined) {
    if (!r) return;
    window.location.hash = `#/entity/${r.entity.id}`;
    setOpen(false);
    setQ('');
  }

  function onKey(ev: KeyboardEvent<HTMLInputElement>) {
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      go(results[active]);
    } else if (ev.key === 'Escape') {
      setOpen(false);
    }
  }

  const showList = open && q.trim().length >= 2;
  return (
    <div className="search" role="search">
      <input
        type="search" aria-label="Search entities" placeholder="Search: name, acronym…" value={q}
        role="combobox" aria-expanded={showList} aria-controls="search-results" aria-autocomplete="list"
        aria-activedescendant={showList && results[active] ? `search-result-${active}` : undefined}
        onChange={(e) => { setQ(e.target.value); setOpen(true); }} onKeyDown={onKey} onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {showList ? (
        <ul id="search-results" role="listbox" className="search-results" data-testid="search-results">
          {error ? <li className="error">{error}</li> : null}
          {!error && results.length === 0 ? <li className="empty">No entity matches “{q.trim()}”. Try another spelling or an acronym.</li> : null}
          {results.map((r, i) => (
            <li
              key={r.entity.id} id={`search-result-${i}`} role="option" aria-selected={i === active}
              className={i === active ? 'active' : undefined} onMouseDown={(e) => { e.preventDefault(); go(r); }} onMouseEnter={() => setActive(i)}
            >
              <span className="name">{r.entity.name}</span>
              {r.matched_name !== r.entity.name ? <small> as “{r.matched_name}”</small> : null}
              <small className={`status ${r.status}`}> {statusText(r)}</small>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

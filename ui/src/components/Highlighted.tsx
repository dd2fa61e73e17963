import type { ReactNode } from 'react';

export interface Span {
  start: number;
  end: number;
  /** Shown on hover: which fact the span is evidence for. */
  label?: string;
  id?: string;
}

/**
 * Text with spans marked. Built from React text nodes and <mark> elements only, so article
 * text (which may hold anything) is never parsed as HTML.
 */
export function Highlighted({ text, spans, activeId }: { text: string; spans: Span[]; activeId?: string }): ReactNode {
  const clean = spans
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReactNode[] = [];
  let at = 0;
  clean.forEach((s, i) => {
    if (s.start < at) return; // overlapping spans: the first one wins, the text stays whole
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(
      <mark key={i} title={s.label} data-span={s.id} className={s.id && s.id === activeId ? 'active' : undefined}>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  });
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}

import { type FormEvent, type ReactNode, useState } from 'react';
import { CURATED_NAME_TYPES, PREDICATES } from '../../../src/model/types';
import { post } from '../api';
import { ErrorBox } from './ErrorBox';

/** A form that posts once, shows the API's error naming the field, and reports success upward. */
function useSubmit(run: () => Promise<string>, onDone: (message: string) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await run());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return { submit, busy, error };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return <label>{label} {children}</label>;
}

export function AddNameForm({ entityId, onDone }: { entityId: number; onDone: (m: string) => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<string>('alias');
  const [note, setNote] = useState('');
  const [source, setSource] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    const r = await post<{ fact: { id: number } }>(`/entities/${entityId}/names`, {
      name: name.trim(), type, ...(note.trim() ? { note: note.trim() } : {}), ...(source.trim() ? { source: source.trim() } : {}),
    });
    const added = name.trim();
    setName('');
    setNote('');
    return `name “${added}” added as ${type} (fact ${r.fact.id})`;
  }, onDone);
  return (
    <form className="curate" onSubmit={submit} data-testid="add-name-form">
      <Field label="New name"><input name="name" value={name} onChange={(e) => setName(e.target.value)} required /></Field>
      <Field label="Type"><select name="type" value={type} onChange={(e) => setType(e.target.value)}>
        {CURATED_NAME_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
      </select></Field>
      <Field label="Source"><input name="source" value={source} onChange={(e) => setSource(e.target.value)} placeholder="URL or citation (optional)" /></Field>
      <Field label="Why"><input name="note" value={note} onChange={(e) => setNote(e.target.value)} /></Field>
      <button type="submit" disabled={busy}>Add name</button>
      <ErrorBox error={error} />
    </form>
  );
}

export function RenameForm({ entityId, current, onDone }: { entityId: number; current: string; onDone: (m: string) => void }) {
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    const r = await post<{ fact: { id: number } }>(`/entities/${entityId}/rename`, { name: name.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
    const to = name.trim();
    setName('');
    setNote('');
    return `renamed to “${to}” (fact ${r.fact.id}); “${current}” stays a name`;
  }, onDone);
  return (
    <form className="curate" onSubmit={submit} data-testid="rename-form">
      <Field label="Display name"><input name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder={current} required /></Field>
      <Field label="Why"><input name="note" value={note} onChange={(e) => setNote(e.target.value)} /></Field>
      <button type="submit" disabled={busy}>Rename</button>
      <ErrorBox error={error} />
    </form>
  );
}

/** Remove one name: asks why before it posts, since a removed name is no longer screened. */
export function RemoveNameButton({ entityId, name, onDone }: { entityId: number; name: string; onDone: (m: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    const r = await post<{ fact: { id: number } }>(`/entities/${entityId}/names/remove`, { name, note: note.trim() });
    setAsking(false);
    return `name “${name}” removed (fact ${r.fact.id}); it is no longer screened`;
  }, onDone);
  if (!asking) return <button type="button" className="small" onClick={() => setAsking(true)} aria-label={`remove name ${name}`}>remove</button>;
  return (
    <form className="inline" onSubmit={submit}>
      <input aria-label={`why remove ${name}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="why (required)" required />
      <button type="submit" disabled={busy}>Remove</button>
      <button type="button" onClick={() => setAsking(false)}>Cancel</button>
      <ErrorBox error={error} />
    </form>
  );
}

/** Predicates whose object is another entity or a place; the rest need none. */
const RELATIONS = new Set(['offshoot_of', 'front_for', 'successor_of', 'affiliated_with', 'supported_by', 'allied_with', 'opposes', 'based_in', 'operates_in', 'recruits_in', 'member_of']);
const LISTING = new Set(['proscribed', 'delisted']);
const FORM_PREDICATES = PREDICATES.filter((p) => p !== 'alias' && p !== 'same_as');

/** A fact the analyst holds a source for: a ban from a notification, a link from a report. */
export function AddFactForm({ entityId, onDone }: { entityId: number; onDone: (m: string) => void }) {
  const [f, setF] = useState({ predicate: 'proscribed', object: '', jurisdiction: '', date: '', until: '', law: '', authority: '', source: '', note: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const { submit, busy, error } = useSubmit(async () => {
    const body: Record<string, unknown> = { subject: entityId, predicate: f.predicate, source: f.source.trim() };
    for (const k of ['object', 'jurisdiction', 'date', 'until', 'law', 'authority', 'note'] as const) {
      if (f[k].trim()) body[k] = /^\d+$/.test(f[k].trim()) && k === 'object' ? Number(f[k].trim()) : f[k].trim();
    }
    const r = await post<{ facts: { id: number }[] }>('/facts', body);
    setF({ ...f, object: '', date: '', until: '', source: '', note: '' });
    return `${r.facts.length > 1 ? 'facts' : 'fact'} ${r.facts.map((x) => x.id).join(' and ')} recorded: ${f.predicate.replace(/_/g, ' ')}${f.jurisdiction ? ` (${f.jurisdiction.toUpperCase()})` : ''}`;
  }, onDone);
  const listing = LISTING.has(f.predicate);
  return (
    <form className="curate" onSubmit={submit} data-testid="add-fact-form">
      <Field label="Fact"><select name="predicate" value={f.predicate} onChange={set('predicate')}>
        {FORM_PREDICATES.map((p) => <option key={p} value={p}>{p.replace(/_/g, ' ')}</option>)}
      </select></Field>
      {RELATIONS.has(f.predicate) ? <Field label="Of / in (id or name)"><input name="object" value={f.object} onChange={set('object')} required /></Field> : null}
      {listing ? <Field label="Jurisdiction"><input name="jurisdiction" value={f.jurisdiction} onChange={set('jurisdiction')} placeholder="PK, GB, UN" size={4} required /></Field> : null}
      <Field label="Date"><input name="date" value={f.date} onChange={set('date')} placeholder="YYYY-MM-DD" size={11} required={listing} /></Field>
      {f.predicate === 'proscribed' ? <Field label="Until"><input name="until" value={f.until} onChange={set('until')} placeholder="when lifted" size={11} /></Field> : null}
      {listing ? <Field label="Law"><input name="law" value={f.law} onChange={set('law')} placeholder="Anti-Terrorism Act 1997" /></Field> : null}
      {listing ? <Field label="Authority"><input name="authority" value={f.authority} onChange={set('authority')} placeholder="Ministry of Interior" /></Field> : null}
      <Field label="Source"><input name="source" value={f.source} onChange={set('source')} placeholder="URL or citation" required /></Field>
      <Field label="Note"><input name="note" value={f.note} onChange={set('note')} placeholder="SI 2026/15" /></Field>
      <button type="submit" disabled={busy}>Record fact</button>
      <ErrorBox error={error} />
    </form>
  );
}

/** Withdraw an accepted fact: a rejection with a reason, which also undoes a name change. */
export function WithdrawButton({ factId, onDone }: { factId: number; onDone: (m: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    await post(`/facts/${factId}/reject`, { note: note.trim() });
    setAsking(false);
    return `fact ${factId} withdrawn`;
  }, onDone);
  if (!asking) return <button type="button" className="small" onClick={() => setAsking(true)}>withdraw</button>;
  return (
    <form className="inline" onSubmit={submit}>
      <input aria-label={`why withdraw fact ${factId}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="why (required)" required />
      <button type="submit" disabled={busy}>Withdraw</button>
      <button type="button" onClick={() => setAsking(false)}>Cancel</button>
      <ErrorBox error={error} />
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { post } from '../api';
import { ErrorBox } from '../components/ErrorBox';

interface Ingested {
  documents: { id: number; created: boolean; date: string; extraction?: { factsProposed?: number } }[];
}

export function IngestPage() {
  const [text, setText] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [result, setResult] = useState<Ingested | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      setResult(await post<Ingested>('/documents', { text, date, ...(url ? { url } : {}), ...(title ? { title } : {}) }));
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section>
      <h1>Add an article</h1>
      <form onSubmit={submit} className="ingest">
        <label>Title <input value={title} onChange={(e) => setTitle(e.target.value)} /></label>
        <label>Published <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required /></label>
        <label>URL <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} /></label>
        <label>Text <textarea rows={10} value={text} onChange={(e) => setText(e.target.value)} required /></label>
        <button type="submit">Ingest and extract</button>
      </form>
      <ErrorBox error={error} />
      {result?.documents.map((d) => (
        <p key={d.id}>
          {d.created ? 'Stored' : 'Already stored'}: <a href={`#/document/${d.id}`}>document {d.id}</a>
          {d.extraction?.factsProposed !== undefined ? `, ${d.extraction.factsProposed} facts proposed (see the review queue)` : ''}
        </p>
      ))}
    </section>
  );
}

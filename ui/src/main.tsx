import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { apiKey, setApiKey } from './api';
import { BatchPage } from './pages/BatchPage';
import { SearchBox } from './components/SearchBox';
import { DocumentPage } from './pages/DocumentPage';
import { DocumentsPage } from './pages/DocumentsPage';
import { EntityPage } from './pages/EntityPage';
import { IngestPage } from './pages/IngestPage';
import { ListingsPage } from './pages/ListingsPage';
import { ListPage } from './pages/ListPage';
import { ListsPage } from './pages/ListsPage';
import { ReviewPage } from './pages/ReviewPage';
import { ScreenPage } from './pages/ScreenPage';
import { MonitorsPage } from './pages/MonitorsPage';
import { MonitorPage } from './pages/MonitorPage';
import { ChangesPage } from './pages/ChangesPage';
import './styles.css';

/** Hash routes, so the server needs to know no client paths: #/entity/12, #/document/3?fact=7. */
function useRoute(): string {
  const [hash, setHash] = useState(window.location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(window.location.hash || '#/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash.slice(1);
}

function KeyBox() {
  const [key, setKey] = useState(apiKey());
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return <button type="button" className="key" onClick={() => setEditing(true)}>{key ? 'API key set' : 'Set API key'}</button>;
  }
  return (
    <form className="key" onSubmit={(e) => { e.preventDefault(); setApiKey(key.trim()); setEditing(false); window.location.reload(); }}>
      <input type="password" aria-label="API key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="API key" />
      <button type="submit">Save</button>
    </form>
  );
}

function Page({ route }: { route: string }) {
  const [path, query = ''] = route.split('?');
  const params = new URLSearchParams(query);
  const entity = /^\/entity\/(\d+)$/.exec(path ?? '');
  if (entity) return <EntityPage id={Number(entity[1])} />;
  const list = /^\/list\/([a-z0-9][a-z0-9-]*)$/.exec(path ?? '');
  if (list) return <ListPage id={list[1]!} />;
  const monitor = /^\/monitor\/([\w.%-]+)$/.exec(path ?? '');
  if (monitor) return <MonitorPage name={decodeURIComponent(monitor[1]!)} />;
  const doc = /^\/document\/(\d+)$/.exec(path ?? '');
  if (doc) return <DocumentPage id={Number(doc[1])} {...(params.get('fact') ? { fact: Number(params.get('fact')) } : {})} />;
  switch (path) {
    case '/batch': return <BatchPage />;
    case '/review': return <ReviewPage key={query} initial={{
      ...(params.get('document') ? { documentId: params.get('document')!, origin: '' } : {}),
      ...(params.get('entity') ? { entityId: params.get('entity')!, origin: '' } : {}),
      ...(params.get('origin') !== null ? { origin: params.get('origin')! } : {}),
      ...(params.get('predicate') ? { predicate: params.get('predicate')! } : {}),
    }} />;
    case '/documents': return <DocumentsPage />;
    case '/listings': return <ListingsPage />;
    case '/lists': return <ListsPage />;
    case '/ingest': return <IngestPage />;
    case '/monitors': return <MonitorsPage />;
    case '/changes': return <ChangesPage />;
    default: return <ScreenPage />;
  }
}

const NAV: readonly [string, string][] = [
  ['/', 'Screen'], ['/batch', 'Batch'], ['/lists', 'Lists'], ['/listings', 'Listings'], ['/review', 'Review'], ['/monitors', 'Monitors'], ['/changes', 'Changes'], ['/documents', 'Documents'], ['/ingest', 'Add article'],
];

function App() {
  const route = useRoute();
  const [path] = route.split('?');
  return (
    <>
      <header>
        <a href="#/" className="brand">proscribe</a>
        <nav>
          {NAV.map(([href, label]) => (
            <a key={href} href={`#${href}`} aria-current={path === href || (href !== '/' && path?.startsWith(`${href.replace(/s$/, '')}/`)) ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
        <SearchBox />
        <KeyBox />
      </header>
      <main><Page route={route} /></main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);

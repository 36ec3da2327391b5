import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api/index.ts';
import { App } from './App.tsx';
import { prefetchCatalogue } from './lib/prefetch.ts';
import './styles.css';

const api = getApi();
// The library is the first view: its rows travel while React builds the first frame.
prefetchCatalogue(api);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);

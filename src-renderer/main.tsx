/** Entry point: the window's API (Electron preload or browser host), i18n, and the wizard. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { getApi } from './api/index.ts';
import { createI18n } from './i18n/index.ts';
import { App } from './app/App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <App api={getApi()} i18n={createI18n()} />
  </StrictMode>,
);

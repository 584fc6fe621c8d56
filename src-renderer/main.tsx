import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerGridModules } from './components/grid-setup';
import { initI18n } from './i18n';
import { useStore } from './store';
import { applyTheme } from './store/ui-slice';
import './styles.css';

initI18n();
registerGridModules();
applyTheme(useStore.getState().theme);
window
  .matchMedia('(prefers-color-scheme: dark)')
  .addEventListener('change', () => applyTheme(useStore.getState().theme));

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';

import { App } from './app';
import { startThemeSync } from './stores/theme-store';
import './index.css';

// Zod compiles schemas with new Function() unless told not to; the Content-Security-Policy
// forbids eval, so it must not even try (the attempt is reported as a violation).
z.config({ jitless: true });
startThemeSync();

const root = document.getElementById('root');
if (!root) throw new Error('No #root element in index.html');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

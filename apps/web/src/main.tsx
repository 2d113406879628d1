import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client';
import { connectivity } from './api/connectivity';
import { App } from './app';
import { Session } from './session/session';
import './styles.css';

const session = new Session();
const { makeClient } = createApiClient(session);
void session.restore().catch(() => connectivity.report(false));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App session={session} makeClient={makeClient} />
  </StrictMode>,
);

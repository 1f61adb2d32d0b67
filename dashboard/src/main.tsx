import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initAuth } from './auth';
import { loadConfig } from './config';
import { registerServiceWorker } from './push';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

// an invitation link carries its token in the path: no check-sso redirect there (see initAuth)
const onInvitationLink = /^\/invite\/(?!resume$)/.test(window.location.pathname);

loadConfig()
  .then((config) => initAuth(config, !onInvitationLink))
  .then(() => {
    registerServiceWorker();
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(
      <main className="page narrow">
        <h1>Switchboard</h1>
        <div className="error" role="alert">
          <strong>Switchboard could not start.</strong>
          <p>{error instanceof Error ? error.message : 'The sign-in service did not answer.'} Reload the page to try again.</p>
        </div>
      </main>,
    );
  });

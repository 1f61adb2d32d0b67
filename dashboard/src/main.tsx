import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initAuth } from './auth';
import { loadConfig } from './config';
import { registerServiceWorker } from './push';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

loadConfig()
  .then(initAuth)
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

import { signIn } from '../auth';

export function SignedOut() {
  return (
    <main className="page narrow">
      <h1>You signed out</h1>
      <p>This device no longer receives your notifications.</p>
      <button className="primary" onClick={() => void signIn(`${window.location.origin}/`)}>
        Sign in again
      </button>
    </main>
  );
}

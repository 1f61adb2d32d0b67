import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { ApiError } from '../api';

/** Loads data for a screen; {@code reload} fetches again (after a change, or on a live update). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      // a failed reload keeps what was shown, with the error beside it
      (error) => current && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [run, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

/** An error as a person wants to read it: what happened and what to do, not a status code. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fields);
    return (
      <div className="error" role="alert">
        <strong>{plainTitle(error)}</strong>
        {error.detail && error.detail !== error.title && <p>{error.detail}</p>}
        {fields.length > 0 && (
          <ul>
            {fields.map(([field, message]) => (
              <li key={field}>
                <code>{field}</code>: {message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div className="error" role="alert">
      <strong>Something went wrong.</strong>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>
  );
}

function plainTitle(error: ApiError): string {
  switch (error.status) {
    case 0:
      return 'No connection';
    case 403:
      return "You don't have permission to do that.";
    case 404:
      return 'Not found';
    case 409:
      // the detail says what conflicts; a bare "Conflict" title says nothing to a person
      return error.title && error.title !== 'Conflict' ? error.title : 'That could not be done.';
    case 410:
      return error.title && error.title !== 'Gone' ? error.title : 'This is no longer available.';
    case 429:
      return 'Too many attempts. Wait a moment and try again.';
    default:
      return error.status >= 500 ? 'Switchboard had a problem. Try again in a moment.' : error.title;
  }
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** A labelled form field with its error from the API right under it. */
export function Field(props: { label: string; error?: string; hint?: string; children: (id: string, describedBy?: string) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errorId : '', props.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.hint && (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={errorId} className="field-error">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** Runs an action for a button or form, keeping its pending state and error. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (...args: A) => {
    setPending(true);
    setError(undefined);
    try {
      await action(...args);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setPending(false);
    }
  };
  const fields = error instanceof ApiError ? error.fields : {};
  return { run, pending, error, fields, clear: () => setError(undefined) };
}

export function formatTime(iso?: string | null): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatWait(seconds?: number | null): string {
  if (seconds == null) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

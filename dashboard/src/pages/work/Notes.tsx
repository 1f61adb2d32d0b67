import { useState } from 'react';
import { get, post } from '../../api';
import { ErrorNote, Field, Loading, formatTime, useAction, useLoad } from '../../ui/kit';
import { NOTE_MAX, noteProblem } from './helpers';
import type { Note } from './types';

/** The notes of a conversation or lead (`itemApi` is its API path): the list, oldest first, and a form to add one. */
export function Notes(props: { itemApi: string; round: number; names: ReadonlyMap<string, string>; canWrite: boolean }) {
  const notes = useLoad(() => get<Note[]>(`${props.itemApi}/notes`), [props.itemApi, props.round]);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const add = useAction(async () => {
    await post(`${props.itemApi}/notes`, { text });
    setText('');
    notes.reload();
  });
  const sorted = [...(notes.data ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const fieldError = problem ?? add.fields.text;

  return (
    <section aria-labelledby="notes-heading" className="notes-section">
      <h2 id="notes-heading">Notes</h2>
      <ErrorNote error={notes.error} />
      {notes.loading && !notes.data && <Loading what="Loading notes" />}
      {notes.data && sorted.length === 0 && <p>No notes yet.</p>}
      {sorted.length > 0 && (
        <ol className="notes">
          {sorted.map((n) => (
            <li key={n.id}>
              <p className="note-meta">
                <strong>{props.names.get(n.authorId) ?? 'Someone'}</strong>{' '}
                <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
              </p>
              <p className="note-text">{n.text}</p>
            </li>
          ))}
        </ol>
      )}
      {props.canWrite && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const wrong = noteProblem(text);
            setProblem(wrong);
            if (!wrong) void add.run();
          }}
        >
          <Field label="Add a note" error={fieldError} hint={`${text.length} / ${NOTE_MAX} characters`}>
            {(id, describedBy) => (
              <textarea
                id={id}
                aria-describedby={describedBy}
                aria-invalid={!!fieldError}
                rows={4}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setProblem(undefined);
                }}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={add.pending}>
              {add.pending ? 'Saving…' : 'Add note'}
            </button>
          </div>
          {!add.fields.text && <ErrorNote error={add.error} />}
        </form>
      )}
    </section>
  );
}

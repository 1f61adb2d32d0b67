import { useId, useRef, type ReactNode } from 'react';

/**
 * A button that asks first: a modal <dialog> (focus kept inside, Escape cancels) with what will happen, the
 * action and Cancel (focused first, so Enter never destroys anything by accident).
 */
export function ConfirmButton(props: {
  /** the button's visible text */
  label: string;
  /** the button's full name for screen readers, e.g. "Remove Ann Lee" */
  name?: string;
  className?: string;
  disabled?: boolean;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = () => dialog.current?.close();
  return (
    <>
      <button type="button" className={props.className} disabled={props.disabled} aria-label={props.name} onClick={() => dialog.current?.showModal()}>
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="confirm">
        <h2 id={titleId}>{props.title}</h2>
        <div className="confirm-body">{props.children}</div>
        <div className="actions">
          <button type="button" className="danger" onClick={() => { close(); props.onConfirm(); }}>
            {props.confirmLabel}
          </button>
          <button type="button" autoFocus onClick={close}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}

/** Small pieces shared by the portal, team, client and routing-profile screens. */
import { ApiError } from '../../api';
import { ErrorNote } from '../../ui/kit';

/**
 * The message for a field of the form from a failed request: a conflict's detail ("This organization already has
 * a client named …") reads better than the bare field message, which is otherwise capitalised.
 */
export function fieldMessage(error: unknown, field: string, local?: Record<string, string>): string | undefined {
  if (local?.[field]) return local[field];
  if (!(error instanceof ApiError)) return undefined;
  const message = error.fields[field];
  if (!message) return undefined;
  if (error.status === 409 && error.detail) return error.detail;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The error of a form unless every field it names is shown next to its field already. */
export function FormError({ error, placed }: { error: unknown; placed: readonly string[] }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const fields = Object.keys(error.fields);
    if (fields.length > 0 && fields.every((f) => placed.includes(f))) return null;
  }
  return <ErrorNote error={error} />;
}

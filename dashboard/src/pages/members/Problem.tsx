import { ApiError } from '../../api';
import { ErrorNote } from '../../ui/kit';
import { problemHeadline } from './logic';

/** An API error with a plain headline for the problems of this screen (last owner, seats ...), else as ErrorNote shows it. */
export function Problem({ error }: { error: unknown }) {
  const headline = error instanceof ApiError ? problemHeadline(error.kind) : undefined;
  if (!headline || !(error instanceof ApiError)) return <ErrorNote error={error} />;
  return (
    <div className="error" role="alert">
      <strong>{headline}</strong>
      {error.detail && <p>{error.detail}</p>}
    </div>
  );
}

import { ApiError } from '../api';

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : null;
  const text = error instanceof Error ? error.message : String(error);
  const hint = status === 401 ? ' — set an API key (top right)' : status === 403 ? ' — your key\'s role may not do this' : '';
  return (
    <p className="error" role="alert">
      {status ? `${status}: ` : ''}
      {text}
      {hint}
    </p>
  );
}

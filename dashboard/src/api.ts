import { accessToken, sessionLost } from './auth';

/** An RFC 9457 problem from the API, with its field errors keyed by field name. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly fields: Record<string, string>;
  readonly problem: Record<string, unknown>;

  constructor(status: number, problem: Record<string, unknown>) {
    const title = typeof problem.title === 'string' ? problem.title : `Request failed (${status})`;
    const detail = typeof problem.detail === 'string' ? problem.detail : '';
    super(detail || title);
    this.status = status;
    this.type = typeof problem.type === 'string' ? problem.type : 'about:blank';
    this.title = title;
    this.detail = detail;
    this.problem = problem;
    this.fields = fieldErrors(problem);
  }

  /** The last segment of the problem type, e.g. "seat-limit-reached". */
  get kind(): string {
    return this.type.substring(this.type.lastIndexOf('/') + 1);
  }
}

export function fieldErrors(problem: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  const errors = problem.errors;
  if (Array.isArray(errors)) {
    for (const error of errors) {
      if (error && typeof error.field === 'string') {
        fields[error.field] = typeof error.message === 'string' ? error.message : 'is not valid';
      }
    }
  }
  return fields;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the API through the gateway with the caller's token (when signed in); throws ApiError on a problem. */
export async function api<T = unknown>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const token = await accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: 'No connection', detail: 'Switchboard could not be reached. Check your connection and try again.' });
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem = (parsed && typeof parsed === 'object' ? parsed : { detail: text }) as Record<string, unknown>;
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && (error.kind === 'session-ended' || error.kind === 'unauthorized')) {
      sessionLost(); // only if this tab was signed in: a public page's 401 is just an answer
    }
    throw error;
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const get = <T,>(path: string) => api<T>('GET', path);
export const post = <T,>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T,>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const patch = <T,>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {});
export const del = <T,>(path: string) => api<T>('DELETE', path);

import { useEffect, useState } from 'react';
import { get } from '../api';
import { useOrg } from '../session';
import { ErrorNote, Loading, formatTime, useAction, useLoad } from '../ui/kit';
import { type AuditEntry, type AuditPage, auditDiff, describeAction, describeActor, describeTarget, type DiffLine, type Names, withStatusNames } from './settings/auditDiff';
import './settings/settings.css';

const PAGE = 50;

type Named = { id?: string; userId?: string; name?: string; displayName?: string | null; email?: string };

/** Names of the org's members, portals, roles, teams and clients, so entries show names instead of ids. */
async function loadNames(orgId: string): Promise<Map<string, string>> {
  const lists = await Promise.all(
    [
      `/api/orgs/${orgId}/members`,
      `/api/orgs/${orgId}/portals?includeArchived=true`,
      `/api/orgs/${orgId}/roles`,
      `/api/orgs/${orgId}/teams`,
      `/api/orgs/${orgId}/clients`,
    ].map((path) => get<Named[]>(path).catch(() => [] as Named[])),
  );
  const names = new Map<string, string>();
  for (const list of lists) {
    for (const item of Array.isArray(list) ? list : []) {
      const id = item.userId ?? item.id;
      const name = item.displayName || item.name || item.email;
      if (id && name && !names.has(id)) names.set(id, name);
    }
  }
  return names;
}

/**
 * The org's audit log (`GET /api/orgs/{orgId}/audit-log?before=&limit=`, newest first; `nextBefore` pages on,
 * null on the last page): when, who, what, and the before/after values as a short list.
 */
export default function Audit() {
  const { orgId } = useOrg();
  const first = useLoad(() => get<AuditPage>(`/api/orgs/${orgId}/audit-log?limit=${PAGE}`), [orgId]);
  const nameMap = useLoad(() => loadNames(orgId), [orgId]);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null | undefined>();

  useEffect(() => {
    if (first.data) {
      setEntries(first.data.entries);
      setNext(first.data.nextBefore ?? null);
    }
  }, [first.data]);

  const more = useAction(async () => {
    if (next == null) return;
    const page = await get<AuditPage>(`/api/orgs/${orgId}/audit-log?before=${next}&limit=${PAGE}`);
    setEntries((list) => [...list, ...page.entries.filter((e) => !list.some((x) => x.id === e.id))]);
    setNext(page.nextBefore ?? null);
  });

  const names: Names = (id) => nameMap.data?.get(id);

  return (
    <>
      <div className="title-row">
        <h1>Audit log</h1>
        <button onClick={first.reload} disabled={first.loading}>
          {first.loading && first.data ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <p className="hint">Every change to members, roles, ownership, portals and routing settings, newest first. Entries cannot be changed or deleted.</p>
      {first.loading && !first.data && <Loading what="Loading the audit log" />}
      <ErrorNote error={first.error} />
      {first.data && entries.length === 0 && <p>Nothing has been recorded yet.</p>}
      {entries.length > 0 && (
        <ol className="st-audit" aria-label="Audit entries, newest first">
          {entries.map((entry) => (
            <Entry key={entry.id} entry={entry} names={names} />
          ))}
        </ol>
      )}
      <ErrorNote error={more.error} />
      {next != null && (
        <div className="actions" style={{ marginTop: '0.75rem' }}>
          <button onClick={() => void more.run()} disabled={more.pending}>
            {more.pending ? 'Loading older entries…' : 'Show older entries'}
          </button>
        </div>
      )}
      {first.data && next === null && entries.length > 0 && <p className="hint">That is the beginning of the log.</p>}
    </>
  );
}

function Entry({ entry, names }: { entry: AuditEntry; names: Names }) {
  const target = describeTarget(entry.target, names);
  const lines = auditDiff(entry.before, withStatusNames(entry.before, entry.after), names);
  return (
    <li>
      <div className="st-audit-head">
        <strong>
          {describeAction(entry.action)}
          {target && target !== 'the company' ? `: ${target}` : ''}
        </strong>
        <time dateTime={entry.at}>{formatTime(entry.at)}</time>
      </div>
      <p className="st-audit-who">
        by {describeActor(entry, names)} · <code>{entry.action}</code>
      </p>
      {lines.length > 0 && (
        <ul className="st-diff" aria-label="Changes">
          {lines.map((line) => (
            <DiffItem key={line.key} line={line} />
          ))}
        </ul>
      )}
    </li>
  );
}

function DiffItem({ line }: { line: DiffLine }) {
  if (line.added || line.removed) {
    return (
      <li>
        <span className="st-key">{line.label}</span>:{' '}
        {line.added && (
          <>
            added <ins>{line.added.join(', ')}</ins>
          </>
        )}
        {line.added && line.removed && '; '}
        {line.removed && (
          <>
            removed <del>{line.removed.join(', ')}</del>
          </>
        )}
      </li>
    );
  }
  if (line.before !== undefined && line.after !== undefined) {
    return (
      <li>
        <span className="st-key">{line.label}</span>: <span className="visually-hidden">was </span>
        <del>{line.before}</del> <span aria-hidden="true">→</span>
        <span className="visually-hidden">, now</span> <ins>{line.after}</ins>
      </li>
    );
  }
  if (line.after !== undefined) {
    return (
      <li>
        <span className="st-key">{line.label}</span>: <ins>{line.after}</ins>
      </li>
    );
  }
  return (
    <li>
      <span className="st-key">{line.label}</span>: <del>{line.before}</del> (removed)
    </li>
  );
}

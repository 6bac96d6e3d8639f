import type { ReportScope, ScopesView } from './reports-state';

/** `a:<account>`, `f:<account>` (with its sub-accounts) or `d:<deployment>`: one option value per scope. */
export function scopeKey(scope: ReportScope): string {
  if (scope.deploymentId) return `d:${scope.deploymentId}`;
  return `${scope.family ? 'f' : 'a'}:${scope.accountId}`;
}

export function scopeOfKey(key: string, scopes: ScopesView): ReportScope | null {
  const [kind, id = ''] = [key.slice(0, 1), key.slice(2)];
  if (kind === 'd') {
    const d = scopes.deployments.find((x) => x.id === id);
    return d ? { accountId: d.accountId, deploymentId: d.id } : null;
  }
  if (!scopes.accounts.some((a) => a.id === id)) return null;
  return kind === 'f' ? { accountId: id, family: true } : { accountId: id };
}

/** Account, sub-account, an account with its sub-accounts, or a live strategy: what the reports cover. */
export function ScopePicker(props: { scopes: ScopesView; value: ReportScope; onChange(scope: ReportScope): void }) {
  const { accounts, deployments } = props.scopes;
  const parents = accounts.filter((a) => a.parentId === null);
  const nameOf = (id: string) => accounts.find((a) => a.id === id)?.name ?? id.slice(0, 8);
  return (
    <select
      aria-label="Report on"
      data-testid="report-scope"
      value={scopeKey(props.value)}
      onChange={(e) => {
        const scope = scopeOfKey((e.target as HTMLSelectElement).value, props.scopes);
        if (scope) props.onChange(scope);
      }}
    >
      {parents.map((p) => {
        const subs = accounts.filter((a) => a.parentId === p.id);
        return [
          <option key={`a:${p.id}`} value={`a:${p.id}`}>
            {p.name}
          </option>,
          ...(subs.length > 0
            ? [
                <option key={`f:${p.id}`} value={`f:${p.id}`}>
                  {`${p.name} with sub-accounts`}
                </option>,
              ]
            : []),
          ...subs.map((s) => (
            <option key={`a:${s.id}`} value={`a:${s.id}`}>
              {`  ${s.name} (sub-account)`}
            </option>
          )),
        ];
      })}
      {deployments.map((d) => (
        <option key={`d:${d.id}`} value={`d:${d.id}`}>
          {`Strategy ${d.strategyId} · ${d.id.slice(0, 8)} on ${nameOf(d.accountId)} (${d.status})`}
        </option>
      ))}
    </select>
  );
}

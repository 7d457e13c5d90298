/**
 * What an update changed, for an audit entry's metadata: `{ field: { from, to } }` for each
 * field whose value differs. Long free-text fields (`textFields`) only say `"changed"`, so the
 * trail does not copy whole descriptions.
 */
export function describeChanges(
  before: Record<string, unknown>,
  update: Record<string, unknown>,
  textFields: readonly string[] = [],
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [field, to] of Object.entries(update)) {
    const from = before[field];
    if (to === undefined || to === from) continue;
    changes[field] = textFields.includes(field) ? "changed" : { from: from ?? null, to };
  }
  return changes;
}

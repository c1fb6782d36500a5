export interface Change {
  field: string;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * An audit event's `changes` as rows. The API sends {"field": {"before": x, "after": y}}; older
 * events may hold [before, after] pairs. Anything else is shown as the new value.
 */
export function readChanges(changes: unknown): Change[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).map(([field, value]) => {
    if (Array.isArray(value) && value.length === 2) return { field, before: show(value[0]), after: show(value[1]) };
    if (value && typeof value === 'object' && ('before' in value || 'after' in value)) {
      const pair = value as { before?: unknown; after?: unknown };
      return { field, before: show(pair.before), after: show(pair.after) };
    }
    return { field, before: '—', after: show(value) };
  });
}

/** "product.updated" -> "Product updated" */
export function actionLabel(action: string): string {
  const text = action.replace(/[._]/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

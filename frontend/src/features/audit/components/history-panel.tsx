import { HistoryPanel as ObjectHistoryPanel } from '@/components/history-panel';
import type { HistoryResource } from '@/components/history-api';

export { EventChanges } from '@/components/history-panel';

/** The history of a document, named by its resource (see `@/components/history-panel`). */
export type HistorySource = { kind: 'resource'; resource: HistoryResource; id: number; version?: string };

/** Pass the record's `updated_at` as `version`: the history reloads whenever the record changes. */
export function HistoryPanel({ source, title }: { source: HistorySource; title?: string }) {
  const { resource, id, version } = source;
  return <ObjectHistoryPanel source={version === undefined ? { resource, id } : { resource, id, version }} title={title} />;
}

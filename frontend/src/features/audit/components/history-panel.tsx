import { HistoryPanel as ObjectHistoryPanel } from '@/components/history-panel';
import type { HistoryResource } from '@/components/history-api';

export { EventChanges } from '@/components/history-panel';

/** The history of a document, named by its resource (see `@/components/history-panel`). */
export type HistorySource = { kind: 'resource'; resource: HistoryResource; id: number };

export function HistoryPanel({ source, title }: { source: HistorySource; title?: string }) {
  return <ObjectHistoryPanel source={{ resource: source.resource, id: source.id }} title={title} />;
}

import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { QueryState } from '@/components/ui/query-state';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';

import { useReadingHints, useResetReadingHints, type LearnedField, type ReadingHintField, type ReadingHintLesson } from '../api/reading-hints';

export const LEARNED_FIELD_LABELS: Record<LearnedField, string> = {
  invoice_number: 'Invoice number',
  invoice_date: 'Invoice date',
  due_date: 'Due date',
  subtotal: 'Subtotal',
  tax: 'Tax',
  total: 'Total',
};

const POSITIONS: Record<string, string> = {
  same: 'after it',
  right: 'to its right',
  below: 'under it',
};

/** How the reader finds the value: by its label, by its place on the page, or only a date order. */
export function readBy(lesson: ReadingHintLesson): string {
  const order = lesson.date_order === 'eu' ? 'day first' : lesson.date_order === 'us' ? 'month first' : '';
  let where = '';
  if (lesson.label) where = `“${lesson.label}”, the value ${POSITIONS[lesson.position] ?? 'beside it'}`;
  else if (lesson.position === 'region') where = `Its place on page ${lesson.page ?? 1}`;
  if (!where) return order ? `Dates written ${order}` : '—';
  return order ? `${where} (dates ${order})` : where;
}

function fieldLabel(field: string): string {
  return LEARNED_FIELD_LABELS[field as LearnedField] ?? field.replace(/_/g, ' ');
}

function Origin({ lesson }: { lesson: ReadingHintLesson }) {
  const how = lesson.how === 'confirmed' ? 'Approved as read' : lesson.how === 'corrected' ? 'Corrected' : 'Learned';
  return (
    <span>
      {how}
      {lesson.learned_by ? ` by ${lesson.learned_by.name}` : ''}
      {lesson.learned_at ? ` on ${formatDateTime(lesson.learned_at)}` : ''}
      {lesson.document ? (
        <>
          {' · '}
          <Link to={`/supplier-invoices/documents/${lesson.document.id}`} className="underline">
            {lesson.document.name}
          </Link>
        </>
      ) : null}
      {lesson.seen > 1 ? <span className="block text-xs text-slate-600 dark:text-slate-400">Taught by {lesson.seen} invoices</span> : null}
    </span>
  );
}

/** A cell listing something of each of the field's lessons, in the order the reader tries them. */
function eachLesson(render: (lesson: ReadingHintLesson) => ReactNode, className?: string) {
  return function LessonsCell(hint: ReadingHintField) {
    return (
      <ul className="space-y-1">
        {hint.lessons.map((lesson, i) => (
          <li key={i} className={className}>
            {render(lesson)}
          </li>
        ))}
      </ul>
    );
  };
}

interface ReadingHintsPanelProps {
  supplierId: number;
  supplierName: string;
  /** Whether the person may make the reader forget (finance, procurement). */
  canReset: boolean;
}

/**
 * What the invoice reader learned about this supplier's invoices from people's corrections and
 * approvals, field by field, with where each lesson came from; a field's lessons or all of them
 * can be forgotten (after a confirmation) when they read the wrong values.
 */
export function ReadingHintsPanel({ supplierId, supplierName, canReset }: ReadingHintsPanelProps) {
  const hints = useReadingHints(supplierId);
  const reset = useResetReadingHints(supplierId);
  // The field whose lessons are about to be forgotten; 'all' for every field.
  const [forgetting, setForgetting] = useState<LearnedField | 'all' | null>(null);

  const forget = async () => {
    if (forgetting === null) return;
    const field = forgetting === 'all' ? null : forgetting;
    try {
      await reset.mutateAsync(field);
      toast.success(field ? `The reader forgot how ${supplierName} prints the ${fieldLabel(field).toLowerCase()}.` : `The reader forgot everything it learned about ${supplierName}'s invoices.`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setForgetting(null);
    }
  };

  const learned = hints.data?.hints ?? [];
  return (
    <Card
      title="Reading hints"
      actions={
        canReset && learned.length > 0 ? (
          <Button size="sm" variant="danger" onClick={() => setForgetting('all')}>
            Forget all
          </Button>
        ) : null
      }
    >
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
        Where this supplier prints its invoice fields, as the invoice reader learned it from corrected and approved invoices. Values read this
        way are marked “Learned” on the invoice review.
      </p>
      <QueryState query={hints} what="the reading hints">
        {(data) => (
          <Table
            caption="Reading hints"
            columns={[
              { key: 'field', header: 'Field', cell: (h: ReadingHintField) => fieldLabel(h.field) },
              { key: 'read-by', header: 'Read by', cell: eachLesson((lesson) => readBy(lesson)) },
              { key: 'value', header: 'Learned from the value', cell: eachLesson((lesson) => lesson.value || '—', 'font-mono') },
              { key: 'origin', header: 'Origin', cell: eachLesson((lesson) => <Origin lesson={lesson} />) },
              {
                key: 'actions',
                header: <span className="sr-only">Actions</span>,
                cell: (h: ReadingHintField) =>
                  canReset ? (
                    <Button size="sm" variant="ghost" onClick={() => setForgetting(h.field as LearnedField)} aria-label={`Forget: ${fieldLabel(h.field)}`}>
                      Forget
                    </Button>
                  ) : null,
              },
            ]}
            rows={data.hints}
            rowKey={(h) => h.field}
            emptyMessage="Nothing learned yet: corrections and approvals of this supplier's invoices teach the reader."
          />
        )}
      </QueryState>
      <ConfirmDialog
        open={forgetting !== null}
        title={forgetting === 'all' ? `Forget everything learned about ${supplierName}'s invoices?` : `Forget how ${supplierName} prints the ${forgetting ? fieldLabel(forgetting).toLowerCase() : ''}?`}
        description="The next invoices are read without it, as if no invoice had been corrected; new corrections teach it again. The supplier's history records the reset."
        confirmLabel="Forget"
        tone="danger"
        busy={reset.isPending}
        onConfirm={() => void forget()}
        onCancel={() => setForgetting(null)}
      />
    </Card>
  );
}

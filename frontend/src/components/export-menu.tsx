import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { apiFetch } from '@/lib/api-client';
import { errorMessage } from '@/lib/api-error';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportColumn {
  /** Dotted path into a list row, e.g. "requester.full_name". */
  field: string;
  /** The header the table shows. */
  header: string;
}

type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

interface ExportMenuProps {
  /** The list's export endpoint, e.g. "/api/v1/purchase-requests/export/". */
  path: string;
  /** The list's filters, search and ordering (paging is dropped). */
  query: Record<string, QueryValue>;
  /** The visible columns, in table order. */
  columns: readonly ExportColumn[];
  /** What is exported, for messages: "purchase requests". */
  noun: string;
}

const PAGING = new Set(['page', 'page_size']);
const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel' },
];

/** The export URL: the list's filters, the visible columns with their headers, the format. */
export function exportUrl(path: string, query: Record<string, QueryValue>, columns: readonly ExportColumn[], format: ExportFormat): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (PAGING.has(key) || value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.set(key, String(value));
    }
  }
  params.set('format', format);
  if (columns.length > 0) {
    params.set('columns', columns.map((c) => `${c.field}=${c.header.replace(/[,=]/g, ' ')}`).join(','));
  }
  return `${path}?${params.toString()}`;
}

function filenameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return match?.[1] ?? fallback;
}

function save(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(href);
}

/**
 * Downloads exactly the rows the list's filters select (every page), with the columns the
 * table shows, as CSV or Excel. A filter that matches nothing says so instead of saving an
 * empty file.
 */
export function ExportMenu({ path, query, columns, noun }: ExportMenuProps) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const url = new URL(exportUrl(path, query, columns, format), globalThis.location.origin);
      const response = await apiFetch(new Request(url, { credentials: 'same-origin' }));
      save(await response.blob(), filenameOf(response, `export.${format}`));
    } catch (error) {
      toast.error(`Could not export ${noun}. ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div role="group" aria-label={`Export ${noun}`} className="flex items-center gap-2">
      <span className="text-sm text-slate-600 dark:text-slate-300">Export</span>
      {FORMATS.map(({ format, label }) => (
        <Button key={format} variant="secondary" size="sm" busy={busy === format} disabled={busy !== null} onClick={() => void run(format)}>
          {label}
        </Button>
      ))}
    </div>
  );
}

import { useId, useRef, useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { rowErrorsFromFailure, summarizeImport, type ImportSummary, type RowError } from '@/lib/import-report';

interface CsvImportProps {
  /** What is imported, e.g. "products". */
  noun: string;
  upload: (args: { file: File; dryRun: boolean }) => Promise<ImportSummary>;
  /** Expected columns, shown as a hint. */
  columnsHint?: string;
  onImported?: (report: ImportSummary) => void;
}

export function ImportErrors({ errors }: { errors: readonly RowError[] }) {
  return (
    <Table
      caption="Rows with errors"
      columns={[
        { key: 'line', header: 'Line', cell: (row: RowError) => row.line, align: 'right' },
        { key: 'field', header: 'Field', cell: (row: RowError) => <code>{row.field || '—'}</code> },
        { key: 'message', header: 'Message', cell: (row: RowError) => row.message },
      ]}
      rows={errors}
      rowKey={(row) => `${row.line}-${row.field}-${row.message}`}
    />
  );
}

/**
 * Two steps: check the file (a dry run that reports every bad row by line and field), then
 * import it. Nothing is written until the person confirms a clean check.
 */
export function CsvImport({ noun, upload, columnsHint, onImported }: CsvImportProps) {
  const inputId = useId();
  const hintId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportSummary | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);

  const reset = (next: File | null) => {
    setFile(next);
    setReport(null);
    setRowErrors(null);
    setFailure(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'commit');
    setFailure(null);
    try {
      const result = await upload({ file, dryRun });
      setReport(result);
      setRowErrors(result.errors.length > 0 ? result.errors : null);
      if (!dryRun) {
        toast.success(`Imported ${noun}. ${summarizeImport(result)}.`);
        onImported?.(result);
        reset(null);
        if (fileInput.current) fileInput.current.value = '';
      }
    } catch (error) {
      const rows = rowErrorsFromFailure(error);
      if (rows) {
        setRowErrors(rows);
        setReport(null);
        setFailure(`Nothing was imported: ${rows.length} ${rows.length === 1 ? 'row has' : 'rows have'} errors.`);
      } else {
        setFailure(errorMessage(error));
      }
    } finally {
      setBusy(null);
    }
  };

  const clean = report?.dry_run && report.errors.length === 0;

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block text-sm font-medium">
          CSV file
        </label>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={columnsHint ? hintId : undefined}
          onChange={(event) => reset(event.target.files?.[0] ?? null)}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
        />
        {columnsHint ? (
          <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
            {columnsHint}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={!file} busy={busy === 'check'} onClick={() => void run(true)}>
          Check file
        </Button>
        <Button disabled={!clean} busy={busy === 'commit'} onClick={() => void run(false)}>
          Import {noun}
        </Button>
      </div>
      {failure ? <Alert>{failure}</Alert> : null}
      {report?.dry_run ? (
        <Alert tone={report.errors.length > 0 ? 'warning' : 'success'}>
          <p>
            Check finished. {summarizeImport(report)}.{' '}
            {report.errors.length > 0
              ? `${report.errors.length} ${report.errors.length === 1 ? 'error' : 'errors'}: fix the file and check it again.`
              : 'No errors: you can import it now.'}
          </p>
        </Alert>
      ) : null}
      {rowErrors ? <ImportErrors errors={rowErrors} /> : null}
    </div>
  );
}

import { isApiError } from './api-error';

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface ImportSummary {
  dry_run: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

/**
 * A refused commit (400, code import_invalid) carries its row errors as problem+json field
 * errors keyed "<line>.<field>"; turns them back into rows sorted by line.
 */
export function rowErrorsFromFailure(error: unknown): RowError[] | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const rows: RowError[] = [];
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const match = /^(\d+)\.(.+)$/.exec(key);
    if (!match) continue;
    for (const message of messages) rows.push({ line: Number(match[1]), field: match[2] ?? '', message });
  }
  if (rows.length === 0) return null;
  return rows.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
}

/** "3 new, 2 updated, 5 unchanged" */
export function summarizeImport(report: ImportSummary): string {
  const parts = [`${report.created} new`, `${report.updated} updated`, `${report.unchanged} unchanged`];
  return `${report.rows} ${report.rows === 1 ? 'row' : 'rows'}: ${parts.join(', ')}`;
}

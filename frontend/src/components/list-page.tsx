import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { ExportMenu, type ExportColumn } from '@/components/export-menu';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, type ListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';

/** What a list page needs of its query: one page of rows and the count of all of them. */
export interface PageQuery<Row> {
  /** `count_estimated`: the count is the database's estimate (shown as "about"). */
  data?: { count: number; count_estimated?: boolean | undefined; results: Row[] } | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

type ExportQuery = Parameters<typeof ExportMenu>[0]['query'];

interface ListPageProps<Row extends { id: string | number }> {
  /** Names the table (and, with "filters"/"pages", its filter bar and page links): "Sales orders". */
  caption: string;
  /** The list's page and ordering, kept in the URL. */
  list: ListParams;
  /** The ordering the server applies when the URL names none (shown on the column headers). */
  ordering?: string | undefined;
  query: PageQuery<Row>;
  columns: readonly Column<Row>[];
  /** What could not be loaded, for the error: "sales orders". */
  noun: string;
  emptyMessage: ReactNode;
  /** The filters: a row from `sm` up, a sheet on a phone. */
  filters?: ReactNode;
  filtersLabel?: string;
  /** CSV and Excel of exactly what the filters select, with the columns shown. */
  exportTo?: { path: string; query: ExportQuery; columns: readonly ExportColumn[]; noun?: string } | undefined;
  /** More buttons beside the export (e.g. "New …", an import). */
  actions?: ReactNode;
  pagesLabel: string;
  pageSize?: number;
}

/**
 * One list page: its filters (a bar, or a sheet on a phone), the export of what they select,
 * the table (cards on a phone) with its loading, error and empty states, and the pages. Every
 * list of the web app is this one scaffold with its own columns and filters.
 */
export function ListPage<Row extends { id: string | number }>({
  caption,
  list,
  ordering = list.ordering,
  query,
  columns,
  noun,
  emptyMessage,
  filters,
  filtersLabel = `${caption} filters`,
  exportTo,
  actions,
  pagesLabel,
  pageSize = PAGE_SIZE,
}: ListPageProps<Row>) {
  return (
    <div>
      {filters ? <FilterBar label={filtersLabel}>{filters}</FilterBar> : null}
      {exportTo || actions ? (
        <div className="mb-3 flex flex-wrap items-center justify-end gap-2">
          {exportTo ? <ExportMenu path={exportTo.path} query={exportTo.query} noun={exportTo.noun ?? noun} columns={exportTo.columns} /> : null}
          {actions}
        </div>
      ) : null}
      <Table
        caption={caption}
        columns={columns}
        rows={query.data?.results}
        rowKey={(row) => row.id}
        isLoading={query.isPending}
        error={query.isError ? `Could not load ${noun}. ${errorMessage(query.error)}` : null}
        onRetry={() => void query.refetch()}
        emptyMessage={emptyMessage}
        ordering={ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination
        page={list.page}
        pageSize={pageSize}
        count={query.data?.count}
        estimated={query.data?.count_estimated}
        onPageChange={list.setPage}
        label={pagesLabel}
      />
    </div>
  );
}

/** The list's search box, bound to the URL's `search`. */
export function ListSearch({ list, placeholder, label = 'Search' }: { list: ListParams; placeholder: string; label?: string }) {
  return <SearchInput label={label} placeholder={placeholder} value={list.search} onSearch={(search) => list.set({ search })} />;
}

/** A drop-down filter bound to one URL parameter: "Any …" and one option per choice. */
export function ChoiceFilter({
  list,
  name,
  label,
  anyLabel,
  choices,
}: {
  list: ListParams;
  name: string;
  label: string;
  anyLabel: string;
  choices: ReadonlyArray<readonly [value: string, label: string]>;
}) {
  return (
    <LabelledSelect label={label} value={list.get(name)} onChange={(value) => list.set({ [name]: value })}>
      <option value="">{anyLabel}</option>
      {choices.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </LabelledSelect>
  );
}

/** Records with an id and a name (departments, categories) as ChoiceFilter choices. */
export function namedChoices(rows: ReadonlyArray<{ id: string | number; name: string }> | undefined): Array<readonly [string, string]> {
  return (rows ?? []).map((row) => [String(row.id), row.name] as const);
}

/** A record's business number in a list, linking to the record. */
export function RecordLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
      {children}
    </Link>
  );
}

/** The choices of a status table (`{ draft: { label: 'Draft', … } }`) for a ChoiceFilter. */
export function labelChoices<Key extends string>(table: Record<Key, { label: string }>): Array<readonly [Key, string]> {
  return (Object.keys(table) as Key[]).map((key) => [key, table[key].label] as const);
}

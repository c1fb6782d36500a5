import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { createContext, use, useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';

import { isSpreadsheetPaste, parsePastedLines } from './paste';
import { ProductCombobox } from './product-combobox';
import { resolveProducts, unresolvedReason, type LineProduct, type ProductResolution } from './product-lookup';

export type LineValues = Record<string, string>;

export interface LineColumn {
  /** The line's field this cell edits. */
  key: string;
  header: string;
  kind: 'decimal' | 'text' | 'select';
  options?: ReadonlyArray<{ value: string; label: string }>;
  align?: 'right';
  /** Tailwind width class of the column. */
  width?: string;
  placeholder?: string;
}

/** Per line, per field, the message to show (e.g. from React Hook Form's errors). */
export type LineErrors = ReadonlyArray<Record<string, string | undefined> | undefined>;

export interface LineGridProps<L extends LineValues> {
  /** Names the grid ("Items", "Lines"); also the caption screen readers hear. */
  label: string;
  lines: L[];
  onChange: (lines: L[]) => void;
  emptyLine: L;
  /** The product column: which fields hold the id and the shown label, and what choosing sets. */
  product: {
    valueKey: keyof L & string;
    labelKey: keyof L & string;
    /** The line after a product was chosen (or cleared, with null): unit, price, … */
    apply: (line: L, product: LineProduct | null) => L;
  };
  columns: readonly LineColumn[];
  /** Where a pasted row's quantity and price go; `supplier` (a purchase document's) lets a
   * pasted row name the product by that supplier's own code. */
  paste: { quantityKey: keyof L & string; priceKey?: keyof L & string; supplier?: number | undefined };
  /** A line's total for the running total, or null while it cannot be computed. */
  lineTotal?: (line: L) => string | null;
  currency?: string;
  totalLabel?: string;
  errors?: LineErrors | undefined;
  /** Shown under the grid (e.g. where prices come from). */
  footnote?: ReactNode;
}

interface GridRow {
  key: string;
  index: number;
}

interface GridRuntime {
  lines: LineValues[];
  columns: readonly LineColumn[];
  errors: LineErrors | undefined;
  errorId: (index: number, key: string) => string;
  productKeys: { valueKey: string; labelKey: string };
  label: string;
  update: (index: number, key: string, value: string) => void;
  chooseProduct: (index: number, product: LineProduct | null) => void;
  remove: (index: number) => void;
  onPaste: (index: number, event: ClipboardEvent<HTMLElement>) => void;
  lineTotal?: ((line: LineValues) => string | null) | undefined;
  currency: string;
  canRemove: boolean;
}

const GridContext = createContext<GridRuntime | null>(null);

function useGrid(): GridRuntime {
  const runtime = use(GridContext);
  if (!runtime) throw new Error('A line grid cell must render inside its grid.');
  return runtime;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, GridRow>();

let keySeed = 0;
function newKey(): string {
  keySeed += 1;
  return `line-${keySeed}`;
}

const cellInput =
  'block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-400 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

function ProductCell({ index }: { index: number }) {
  const grid = useGrid();
  const line = grid.lines[index] ?? {};
  const error = grid.errors?.[index]?.[grid.productKeys.valueKey];
  return (
    <ProductCombobox
      cellId={`${index}:product`}
      value={line[grid.productKeys.valueKey] ?? ''}
      label={line[grid.productKeys.labelKey] ?? ''}
      ariaLabel={`Product, line ${index + 1}`}
      invalid={Boolean(error)}
      describedBy={error ? grid.errorId(index, grid.productKeys.valueKey) : undefined}
      onChoose={(product) => grid.chooseProduct(index, product)}
      onPaste={(event) => grid.onPaste(index, event)}
    />
  );
}

function FieldCell({ index, column }: { index: number; column: LineColumn }) {
  const grid = useGrid();
  const value = grid.lines[index]?.[column.key] ?? '';
  const error = grid.errors?.[index]?.[column.key];
  const common = {
    'aria-label': `${column.header}, line ${index + 1}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? grid.errorId(index, column.key) : undefined,
    'data-cell': `${index}:${column.key}`,
  } as const;
  if (column.kind === 'select') {
    return (
      <select {...common} value={value} onChange={(event) => grid.update(index, column.key, event.target.value)} className={cellInput}>
        {(column.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      value={value}
      inputMode={column.kind === 'decimal' ? 'decimal' : undefined}
      placeholder={column.placeholder}
      onChange={(event) => grid.update(index, column.key, event.target.value)}
      onPaste={(event) => grid.onPaste(index, event)}
      className={cn(cellInput, column.align === 'right' && 'text-right tabular-nums')}
    />
  );
}

function TotalCell({ index }: { index: number }) {
  const grid = useGrid();
  const line = grid.lines[index];
  const total = line && grid.lineTotal ? grid.lineTotal(line) : null;
  return (
    <span className="block py-2 text-right tabular-nums" data-testid={`line-total-${index}`}>
      {total === null ? '—' : formatMoney(total, grid.currency)}
    </span>
  );
}

function RemoveCell({ index }: { index: number }) {
  const grid = useGrid();
  return (
    <Button size="sm" variant="ghost" disabled={!grid.canRemove} onClick={() => grid.remove(index)} aria-label={`Remove line ${index + 1}`} title="Remove this line (Ctrl+Delete)">
      ✕
    </Button>
  );
}

function CellErrors({ index }: { index: number }) {
  const grid = useGrid();
  const rowErrors = grid.errors?.[index];
  if (!rowErrors) return null;
  const keys = [grid.productKeys.valueKey, ...grid.columns.map((c) => c.key)];
  const shown = keys.filter((key) => rowErrors[key]);
  if (shown.length === 0) return null;
  return (
    <ul className="text-sm text-red-700 dark:text-red-400">
      {shown.map((key) => (
        <li key={key} id={grid.errorId(index, key)}>
          {key === grid.productKeys.valueKey ? 'Product' : (grid.columns.find((c) => c.key === key)?.header ?? key)}: {rowErrors[key]}
        </li>
      ))}
    </ul>
  );
}

/** Moves focus to a cell ("row:key") once it exists. */
function focusCell(container: HTMLElement | null, cell: string) {
  const target = container?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(cell)}"]`);
  target?.focus();
}

function isEmptyLine(line: LineValues, emptyLine: LineValues): boolean {
  return Object.keys(emptyLine).every((key) => (line[key] ?? '') === (emptyLine[key] ?? ''));
}

/**
 * An editable grid of document lines (purchase request items, purchase order and sales order
 * lines), built on TanStack Table: one product autocomplete per line, Enter or Tab past the
 * last cell adds a line, Ctrl+Delete removes one, a block pasted from a spreadsheet
 * (SKU, GTIN or product name; quantity; price) becomes lines, resolved in one request, and the total runs as you type. The form owns the
 * values; the server computes the real figures.
 */
export function LineGrid<L extends LineValues>({
  label,
  lines,
  onChange,
  emptyLine,
  product,
  columns,
  paste,
  lineTotal,
  currency = 'USD',
  totalLabel = 'Total',
  errors,
  footnote,
}: LineGridProps<L>) {
  const baseId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const [keys, setKeys] = useState<string[]>(() => lines.map(() => newKey()));
  const pendingFocus = useRef<string | null>(null);
  const [pasteReport, setPasteReport] = useState<{ added: number; problems: string[] } | null>(null);
  const [pasting, setPasting] = useState(false);

  if (keys.length !== lines.length) {
    // The form replaced the lines (a reset): give the new ones keys.
    setKeys(lines.map((_, index) => keys[index] ?? newKey()));
  }

  useEffect(() => {
    if (pendingFocus.current) {
      focusCell(containerRef.current, pendingFocus.current);
      pendingFocus.current = null;
    }
  });

  const setLines = (next: L[], nextKeys: string[]) => {
    setKeys(nextKeys);
    onChange(next);
  };

  const addLine = (focus = true) => {
    if (focus) pendingFocus.current = `${lines.length}:product`;
    setLines([...lines, { ...emptyLine }], [...keys, newKey()]);
  };

  const remove = (index: number) => {
    if (lines.length <= 1) return;
    const focusRow = Math.min(index, lines.length - 2);
    pendingFocus.current = `${focusRow}:product`;
    setLines(
      lines.filter((_, i) => i !== index),
      keys.filter((_, i) => i !== index),
    );
  };

  const runtime: GridRuntime = {
    lines,
    columns,
    errors,
    errorId: (index, key) => `${baseId}-${index}-${key}-error`,
    productKeys: { valueKey: product.valueKey, labelKey: product.labelKey },
    label,
    update: (index, key, value) => {
      const next = lines.slice();
      next[index] = { ...lines[index], [key]: value } as L;
      setLines(next, keys);
    },
    chooseProduct: (index, chosen) => {
      const next = lines.slice();
      next[index] = product.apply(lines[index] ?? { ...emptyLine }, chosen);
      if (chosen) pendingFocus.current = `${index}:${paste.quantityKey}`;
      setLines(next, keys);
    },
    remove,
    onPaste: (index, event) => {
      const text = event.clipboardData.getData('text/plain');
      if (!isSpreadsheetPaste(text)) return;
      event.preventDefault();
      void pasteRows(index, text);
    },
    lineTotal: lineTotal as ((line: LineValues) => string | null) | undefined,
    currency,
    canRemove: lines.length > 1,
  };

  async function pasteRows(index: number, text: string) {
    const parsed = parsePastedLines(text);
    const problems = [...parsed.problems];
    if (parsed.rows.length === 0) {
      setPasteReport({ added: 0, problems: problems.length ? problems : ['Nothing to paste: expected rows of product (SKU, GTIN or name), quantity and price.'] });
      return;
    }
    setPasting(true);
    let found: Map<string, ProductResolution>;
    try {
      found = await resolveProducts(
        parsed.rows.map((row) => row.identifier),
        paste.supplier,
      );
    } catch {
      setPasting(false);
      setPasteReport({ added: 0, problems: ['The products could not be looked up; nothing was pasted. Try again.'] });
      return;
    } finally {
      setPasting(false);
    }
    const pasted: L[] = [];
    for (const row of parsed.rows) {
      const resolution = found.get(row.identifier);
      const problem = unresolvedReason(row.row, row.identifier, resolution, paste.supplier !== undefined);
      const match = resolution?.product;
      if (problem || !match) {
        problems.push(problem ?? `Row ${row.row}: "${row.identifier}" was not found.`);
        continue;
      }
      let line = product.apply({ ...emptyLine }, match);
      line = { ...line, [paste.quantityKey]: row.quantity };
      if (paste.priceKey && row.price !== '') line = { ...line, [paste.priceKey]: row.price };
      pasted.push(line);
    }
    if (pasted.length > 0) {
      // Pasting into an empty line fills it; otherwise the rows go in after it.
      const replaceHere = lines[index] !== undefined && isEmptyLine(lines[index], emptyLine);
      const at = replaceHere ? index : index + 1;
      const next = [...lines.slice(0, at), ...pasted, ...lines.slice(replaceHere ? index + 1 : at)];
      const nextKeys = [...keys.slice(0, at), ...pasted.map(() => newKey()), ...keys.slice(replaceHere ? index + 1 : at)];
      pendingFocus.current = `${at + pasted.length - 1}:${paste.quantityKey}`;
      setLines(next, nextKeys);
    }
    setPasteReport({ added: pasted.length, problems });
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const cell = (event.target as HTMLElement).dataset?.cell;
    if (!cell) return;
    const [rowText, key = 'product'] = cell.split(':');
    const row = Number(rowText);
    const lastRow = row === lines.length - 1;
    if (event.key === 'Delete' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      remove(row);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      if (lastRow) addLine();
      else focusCell(containerRef.current, `${row + 1}:${key}`);
    } else if (event.key === 'Tab' && !event.shiftKey && lastRow) {
      const lastKey = columns.length ? columns[columns.length - 1]?.key : 'product';
      const line = lines[row];
      if (key === lastKey && line && !isEmptyLine(line, emptyLine)) {
        event.preventDefault();
        addLine();
      }
    }
  };

  // Cell renderers are component types to React: they must stay the same between renders, or
  // every keystroke would remount the inputs (losing focus). Live values come from the context.
  const hasTotals = Boolean(lineTotal);
  const tableColumns = useMemo(
    () =>
      helper.columns([
        helper.display({ id: 'line', header: '#', cell: ({ row }) => <span className="block py-2 text-slate-500 tabular-nums">{row.original.index + 1}</span> }),
        helper.display({ id: 'product', header: 'Product', cell: ({ row }) => <ProductCell index={row.original.index} /> }),
        ...columns.map((column) =>
          helper.display({ id: column.key, header: column.header, cell: ({ row }) => <FieldCell index={row.original.index} column={column} /> }),
        ),
        ...(hasTotals ? [helper.display({ id: 'total', header: 'Line total', cell: ({ row }) => <TotalCell index={row.original.index} /> })] : []),
        helper.display({ id: 'remove', header: 'Remove', cell: ({ row }) => <RemoveCell index={row.original.index} /> }),
      ]),
    [columns, hasTotals],
  );
  const data = useMemo(() => lines.map((_, index) => ({ key: keys[index] ?? String(index), index })), [lines, keys]);
  const table = useTable({ features, columns: tableColumns, data, getRowId: (row) => row.key });

  const grandTotal = lineTotal ? sumTotals(lines.map((line) => lineTotal(line))) : null;
  const colWidth = (id: string) => columns.find((c) => c.key === id)?.width;
  const alignRight = (id: string) => id === 'total' || columns.find((c) => c.key === id)?.align === 'right';

  return (
    <GridContext value={runtime}>
      <div ref={containerRef} onKeyDown={onKeyDown} className="space-y-2">
        <div className="overflow-visible sm:overflow-x-auto">
          <table className="block w-full text-sm sm:table" aria-describedby={`${baseId}-help`}>
            <caption className="sr-only">{label}</caption>
            <thead className="hidden sm:table-header-group">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} className="border-b border-slate-200 text-left dark:border-slate-700">
                  {group.headers.map((header) => (
                    <th
                      key={header.id}
                      scope="col"
                      className={cn(
                        'px-1 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300',
                        colWidth(header.id),
                        alignRight(header.id) && 'text-right',
                        header.id === 'remove' && 'w-10',
                        header.id === 'line' && 'w-8',
                      )}
                    >
                      {header.id === 'remove' ? <span className="sr-only">Remove</span> : <table.FlexRender header={header} />}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody className="block space-y-3 sm:table-row-group sm:space-y-0">
              {table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  data-testid={`grid-line-${row.original.index}`}
                  className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-2 align-top sm:table-row sm:rounded-none sm:border-0 sm:border-b sm:p-0 dark:border-slate-800"
                >
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={cn(
                        'px-0 align-top sm:px-1 sm:py-1.5',
                        cell.column.id === 'product' && 'col-span-2',
                        cell.column.id === 'line' && 'hidden sm:table-cell',
                      )}
                    >
                      {cell.column.id !== 'product' && cell.column.id !== 'remove' && cell.column.id !== 'line' ? (
                        <span aria-hidden="true" className="mb-0.5 block text-xs text-slate-600 sm:hidden dark:text-slate-300">
                          {cell.column.id === 'total' ? 'Line total' : columns.find((c) => c.key === cell.column.id)?.header}
                        </span>
                      ) : null}
                      <table.FlexRender cell={cell} />
                      {cell.column.id === 'product' ? <CellErrors index={row.original.index} /> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Button size="sm" variant="secondary" onClick={() => addLine()}>
            Add a line
          </Button>
          <p className="text-sm" aria-live="polite">
            {lines.length} {lines.length === 1 ? 'line' : 'lines'}
            {grandTotal !== null ? (
              <>
                {' · '}
                {totalLabel}{' '}
                <strong className="text-base tabular-nums" data-testid="grid-total">
                  {formatMoney(grandTotal, currency)}
                </strong>
              </>
            ) : null}
          </p>
        </div>
        <p id={`${baseId}-help`} className="text-xs text-slate-600 dark:text-slate-400">
          Enter or Tab past the last cell adds a line; Ctrl+Delete removes one. Paste rows from a spreadsheet (SKU, GTIN or product name; quantity; price, or columns named in a header row) into any cell.
        </p>
        {pasting ? <p className="text-sm" role="status">Looking up the pasted products…</p> : null}
        {pasteReport ? (
          <div role="status" className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700" data-testid="paste-report">
            <p>
              {pasteReport.added === 1 ? '1 line pasted.' : `${pasteReport.added} lines pasted.`}
              {pasteReport.problems.length ? ` ${pasteReport.problems.length} not used:` : ''}
            </p>
            {pasteReport.problems.length ? (
              <ul className="list-disc pl-5 text-red-700 dark:text-red-400">
                {pasteReport.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {footnote ? <p className="text-sm text-slate-600 dark:text-slate-400">{footnote}</p> : null}
      </div>
    </GridContext>
  );
}

function sumTotals(totals: ReadonlyArray<string | null>): string {
  let cents = 0n;
  for (const total of totals) if (total !== null) cents += BigInt(total.replace('.', ''));
  const text = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${cents < 0n ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** React Hook Form's errors of a line array ({ [i]: { field: { message } } }) as grid errors. */
export function lineErrorsOf(errors: unknown): LineErrors | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  const out: Array<Record<string, string | undefined> | undefined> = [];
  for (const [index, row] of Object.entries(errors as Record<string, unknown>)) {
    if (!/^\d+$/.test(index) || !row || typeof row !== 'object') continue;
    const messages: Record<string, string | undefined> = {};
    for (const [field, error] of Object.entries(row as Record<string, unknown>)) {
      const message = (error as { message?: unknown } | undefined)?.message;
      if (typeof message === 'string') messages[field] = message;
    }
    out[Number(index)] = messages;
  }
  return out;
}

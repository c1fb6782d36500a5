import { Button } from './button';

interface PaginationProps {
  page: number;
  pageSize: number;
  count: number | undefined;
  /** The count is the database's estimate (a large list): shown as "about 100,000". */
  estimated?: boolean | undefined;
  onPageChange: (page: number) => void;
  /** Names the control, e.g. "Products pages". */
  label?: string;
}

/** Previous / next with "21–40 of 132" ("of about 100,000" for an estimate); hidden when everything fits on one page. */
export function Pagination({ page, pageSize, count, estimated = false, onPageChange, label = 'Pagination' }: PaginationProps) {
  if (count === undefined || count <= pageSize) {
    return count ? <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{count === 1 ? '1 result' : `${count} results`}</p> : null;
  }
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(count, page * pageSize);
  const about = estimated ? 'about ' : '';
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600 dark:text-slate-400">
        {first}–{last} of {about}
        {estimated ? count.toLocaleString('en-US') : count}
      </p>
      <div className="flex items-center gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          Previous
        </Button>
        <span className="text-slate-600 dark:text-slate-400">
          Page {page} of {about}
          {estimated ? pages.toLocaleString('en-US') : pages}
        </span>
        <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}

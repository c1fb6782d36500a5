import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZE = 20;

/**
 * A list's page, ordering, search and filters, kept in the URL so a filtered list can be
 * bookmarked, shared and restored with the back button. Changing a filter goes back to page 1.
 */
export function useListParams(defaults: Record<string, string> = {}) {
  const [params, setParams] = useSearchParams();

  const get = useCallback((name: string): string => params.get(name) ?? defaults[name] ?? '', [params, defaults]);

  const set = useCallback(
    (patch: Record<string, string | undefined>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '' || value === defaults[key]) next.delete(key);
            else next.set(key, value);
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, defaults],
  );

  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const ordering = get('ordering') || undefined;
  const search = get('search');
  return {
    get,
    set,
    page,
    /** The page, page size, ordering and search as the list endpoints take them. */
    paging: { page, page_size: PAGE_SIZE, ordering, search: search || undefined },
    /** The parameter when it names one of ``table``'s keys (a status, a unit), else undefined. */
    oneOf: <Key extends string>(name: string, table: Record<Key, unknown>): Key | undefined => {
      const value = get(name);
      return Object.hasOwn(table, value) ? (value as Key) : undefined;
    },
    setPage: (value: number) => set({ page: value > 1 ? String(value) : undefined }),
    ordering,
    setOrdering: (value: string) => set({ ordering: value }),
    search,
  };
}

export type ListParams = ReturnType<typeof useListParams>;

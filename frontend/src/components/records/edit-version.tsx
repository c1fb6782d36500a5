import { useQueryClient, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ifMatch, recordVersion } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

/** A write refused because the record changed since it was read: 412 for a stale If-Match, or
 * a 409 the server marks as stale. */
export function isEditConflict(error: unknown): boolean {
  return isApiError(error) && (error.status === 412 || (error.status === 409 && error.code === 'stale'));
}

export interface EditVersion {
  /** The If-Match header of the version the screen opened with (empty when unknown). */
  headers: Record<string, string>;
  /** Someone else's change was found on save. */
  conflict: boolean;
  /** True (and the conflict shown) when `error` is an edit conflict; the form handles others. */
  caught: (error: unknown) => boolean;
  /** Reads the record again, takes its version and hands it to the form. */
  reload: () => Promise<void>;
  reloading: boolean;
}

/**
 * The version of a record an edit screen works on. It is the ETag of the representation the
 * screen opened with (read at `path`), sent back as If-Match on save, so two people editing the
 * same record do not silently overwrite each other: the second save is refused and the screen
 * offers to reload the record (`query` reads it; `onReloaded` resets the form to it).
 */
export function useEditVersion<T, K extends QueryKey>(path: string, query: FetchQueryOptions<T, Error, T, K>, onReloaded: (fresh: T) => void): EditVersion {
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(() => recordVersion(path));
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  return {
    headers: ifMatch(version),
    conflict,
    reloading,
    caught: (error) => {
      const stale = isEditConflict(error);
      if (stale) setConflict(true);
      return stale;
    },
    reload: async () => {
      setReloading(true);
      try {
        const fresh = await queryClient.fetchQuery({ ...query, staleTime: 0 });
        setVersion(recordVersion(path));
        setConflict(false);
        onReloaded(fresh);
      } finally {
        setReloading(false);
      }
    },
  };
}

/** What an edit screen says when its save met someone else's change, with the way out. */
export function EditConflict({ edit, what }: { edit: EditVersion; what: string }) {
  if (!edit.conflict) return null;
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p>
        <strong>Someone else changed this {what} while you were editing it.</strong> Your changes were not saved, so theirs are not lost.
      </p>
      <p>Reload to see the {what} as it is now, then make your changes again.</p>
      <Button size="sm" variant="secondary" busy={edit.reloading} onClick={() => void edit.reload()}>
        Reload the latest version
      </Button>
    </div>
  );
}

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Select } from '@/components/ui/select';
import { errorMessage } from '@/lib/api-error';

import type { CategoryNode } from '../api/get-category-tree';
import { flattenTree, indentedLabel, subtreeIds } from '../lib/category-tree';

export const TOP_LEVEL = 'top';

interface CategoryMoveFormProps {
  tree: readonly CategoryNode[];
  category: CategoryNode;
  onMove: (parent: number | null) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * Picks the new parent. The category's own subtree is greyed out; the server has the last word
 * (the tree here may be stale), and its refusal is shown under the picker.
 */
export function CategoryMoveForm({ tree, category, onMove, onCancel }: CategoryMoveFormProps) {
  const [target, setTarget] = useState<string>(category.parent_id === null ? TOP_LEVEL : String(category.parent_id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const blocked = subtreeIds(tree, category.id);
  const options = flattenTree(tree);
  const unchanged = target === (category.parent_id === null ? TOP_LEVEL : String(category.parent_id));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onMove(target === TOP_LEVEL ? null : Number(target));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        “{category.name}” moves with all its subcategories and products.
      </p>
      <Field label="New parent" error={error ?? undefined} hint="Categories inside this one cannot be chosen.">
        {(control) => (
          <Select {...control} value={target} onChange={(event) => setTarget(event.target.value)} autoFocus>
            <option value={TOP_LEVEL}>(Top level)</option>
            {options.map((option) => (
              <option key={option.id} value={option.id} disabled={blocked.has(option.id)}>
                {indentedLabel(option)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {error ? <FormError message="The category was not moved." /> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" busy={busy} disabled={unchanged}>
          Move
        </Button>
      </div>
    </form>
  );
}

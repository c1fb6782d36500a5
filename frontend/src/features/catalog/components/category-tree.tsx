import { useState } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { SearchInput } from '@/components/ui/search-input';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';

import { useCreateCategory } from '../api/create-category';
import { useCategoryTree, type CategoryNode } from '../api/get-category-tree';
import { useMoveCategory } from '../api/move-category';
import { useRenameCategory } from '../api/rename-category';
import { matchingIds } from '../lib/category-tree';

import { CategoryMoveForm } from './category-move-form';
import { CategoryNameForm } from './category-name-form';

type Dialog =
  | { kind: 'create'; parent: CategoryNode | null }
  | { kind: 'rename'; category: CategoryNode }
  | { kind: 'move'; category: CategoryNode };

interface TreeProps {
  nodes: readonly CategoryNode[];
  expanded: Set<number>;
  visible: Set<number>;
  filtering: boolean;
  toggle: (id: number) => void;
  canEdit: boolean;
  productsHref: (category: CategoryNode) => string;
  open: (dialog: Dialog) => void;
  level: number;
}

function TreeLevel({ nodes, expanded, visible, filtering, toggle, canEdit, productsHref, open, level }: TreeProps) {
  return (
    <ul className={level === 0 ? 'space-y-0.5' : 'ml-4 space-y-0.5 border-l border-slate-200 pl-2 dark:border-slate-800'}>
      {nodes
        .filter((node) => visible.has(node.id))
        .map((node) => {
          const hasChildren = node.children.length > 0;
          const isOpen = filtering || expanded.has(node.id);
          return (
            <li key={node.id}>
              <div className="group flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md px-1 py-1 hover:bg-slate-50 dark:hover:bg-slate-900">
                {hasChildren ? (
                  <button
                    type="button"
                    aria-expanded={isOpen}
                    onClick={() => toggle(node.id)}
                    className="inline-flex size-7 items-center justify-center rounded text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
                  >
                    <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                    <span className="sr-only">
                      {isOpen ? 'Collapse' : 'Expand'} {node.name}
                    </span>
                  </button>
                ) : (
                  <span className="inline-block size-7" aria-hidden="true" />
                )}
                <span className="font-medium">{node.name}</span>
                <Link to={productsHref(node)} className="text-xs text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
                  {node.product_count} {node.product_count === 1 ? 'product' : 'products'}
                </Link>
                {canEdit ? (
                  <span className="ml-auto flex gap-1">
                    <Button size="sm" variant="ghost" onClick={() => open({ kind: 'create', parent: node })} aria-label={`Add a subcategory to ${node.name}`}>
                      Add
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => open({ kind: 'rename', category: node })} aria-label={`Rename ${node.name}`}>
                      Rename
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => open({ kind: 'move', category: node })} aria-label={`Move ${node.name}`}>
                      Move
                    </Button>
                  </span>
                ) : null}
              </div>
              {hasChildren && isOpen ? (
                <TreeLevel
                  nodes={node.children}
                  expanded={expanded}
                  visible={visible}
                  filtering={filtering}
                  toggle={toggle}
                  canEdit={canEdit}
                  productsHref={productsHref}
                  open={open}
                  level={level + 1}
                />
              ) : null}
            </li>
          );
        })}
    </ul>
  );
}

function allIds(nodes: readonly CategoryNode[]): number[] {
  return nodes.flatMap((node) => [node.id, ...allIds(node.children)]);
}

export function CategoryTree({ canEdit, productsHref }: { canEdit: boolean; productsHref: (category: CategoryNode) => string }) {
  const tree = useCategoryTree();
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const create = useCreateCategory();
  const rename = useRenameCategory();
  const move = useMoveCategory();

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const close = () => setDialog(null);
  const nodes = tree.data ?? [];
  const visible = matchingIds(nodes, filter);

  let body;
  if (tree.isPending) body = <Spinner />;
  else if (tree.isError)
    body = (
      <div role="alert" className="space-y-2 text-red-700 dark:text-red-400">
        <p>Could not load the categories. {errorMessage(tree.error)}</p>
        <Button variant="secondary" size="sm" onClick={() => void tree.refetch()}>
          Try again
        </Button>
      </div>
    );
  else if (nodes.length === 0) body = <p className="text-sm text-slate-600 dark:text-slate-400">No categories yet.</p>;
  else if (visible.size === 0) body = <p className="text-sm text-slate-600 dark:text-slate-400">No category matches “{filter}”.</p>;
  else
    body = (
      <TreeLevel
        nodes={nodes}
        expanded={expanded}
        visible={visible}
        filtering={filter.trim() !== ''}
        toggle={toggle}
        canEdit={canEdit}
        productsHref={productsHref}
        open={setDialog}
        level={0}
      />
    );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-72">
          <SearchInput label="Find a category" value={filter} onSearch={setFilter} delayMs={100} />
        </div>
        <Button variant="secondary" size="sm" onClick={() => setExpanded(new Set(allIds(nodes)))}>
          Expand all
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setExpanded(new Set())}>
          Collapse all
        </Button>
        {canEdit ? (
          <Button size="sm" className="sm:ml-auto" onClick={() => setDialog({ kind: 'create', parent: null })}>
            New category
          </Button>
        ) : null}
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-950">{body}</div>

      <Modal
        open={dialog !== null}
        onClose={close}
        title={
          dialog?.kind === 'create'
            ? dialog.parent
              ? `New subcategory of ${dialog.parent.name}`
              : 'New category'
            : dialog?.kind === 'rename'
              ? `Rename ${dialog.category.name}`
              : dialog?.kind === 'move'
                ? `Move ${dialog.category.name}`
                : ''
        }
      >
        {dialog?.kind === 'create' ? (
          <CategoryNameForm
            submitLabel="Create"
            onCancel={close}
            onSubmit={async (name) => {
              const parent = dialog.parent;
              await create.mutateAsync({ name, parent: parent?.id ?? null });
              if (parent) setExpanded((current) => new Set(current).add(parent.id));
              toast.success(`Category “${name}” created.`);
              close();
            }}
          />
        ) : null}
        {dialog?.kind === 'rename' ? (
          <CategoryNameForm
            initialName={dialog.category.name}
            submitLabel="Rename"
            onCancel={close}
            onSubmit={async (name) => {
              await rename.mutateAsync({ id: dialog.category.id, name });
              toast.success(`Renamed to “${name}”.`);
              close();
            }}
          />
        ) : null}
        {dialog?.kind === 'move' ? (
          <CategoryMoveForm
            tree={nodes}
            category={dialog.category}
            onCancel={close}
            onMove={async (parent) => {
              await move.mutateAsync({ id: dialog.category.id, parent });
              if (parent !== null) setExpanded((current) => new Set(current).add(parent));
              toast.success(`Moved “${dialog.category.name}”.`);
              close();
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}

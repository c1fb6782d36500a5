import { describe, expect, it } from 'vitest';

import type { CategoryNode } from '../api/get-category-tree';

import { breadcrumb, flattenTree, indentedLabel, matchingIds, subtreeIds } from './category-tree';

function node(id: number, name: string, children: CategoryNode[] = [], parent: number | null = null): CategoryNode {
  return { id, name, level: 0, path: String(id), parent_id: parent, product_count: id, children };
}

const tree: CategoryNode[] = [
  node(1, 'Beef', [node(2, 'Primals', [node(3, 'Chuck', [], 2)], 1), node(4, 'Ground', [], 1)]),
  node(5, 'Pork'),
];

describe('category tree helpers', () => {
  it('flattens depth-first with depths', () => {
    expect(flattenTree(tree).map((c) => [c.name, c.depth])).toEqual([
      ['Beef', 0],
      ['Primals', 1],
      ['Chuck', 2],
      ['Ground', 1],
      ['Pork', 0],
    ]);
  });

  it('knows a subtree, so a category cannot be moved under itself', () => {
    expect([...subtreeIds(tree, 2)].sort()).toEqual([2, 3]);
    expect([...subtreeIds(tree, 1)].sort()).toEqual([1, 2, 3, 4]);
    expect(subtreeIds(tree, 99).size).toBe(0);
  });

  it('keeps the ancestors of matches when filtering', () => {
    expect([...matchingIds(tree, 'chu')].sort()).toEqual([1, 2, 3]);
    expect(matchingIds(tree, '').size).toBe(5);
  });

  it('builds breadcrumbs and indented option labels', () => {
    expect(breadcrumb(tree, 3)).toEqual(['Beef', 'Primals', 'Chuck']);
    const chuck = flattenTree(tree)[2];
    expect(chuck && indentedLabel(chuck)).toBe('\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0└ Chuck');
  });
});

import type { CategoryNode } from '../api/get-category-tree';

export interface FlatCategory {
  id: number;
  name: string;
  depth: number;
  path: string;
  productCount: number;
}

/** Depth-first, in the order the tree shows them: for pickers and drop-downs. */
export function flattenTree(nodes: readonly CategoryNode[], depth = 0): FlatCategory[] {
  const out: FlatCategory[] = [];
  for (const node of nodes) {
    out.push({ id: node.id, name: node.name, depth, path: node.path, productCount: node.product_count });
    out.push(...flattenTree(node.children, depth + 1));
  }
  return out;
}

export function findNode(nodes: readonly CategoryNode[], id: number): CategoryNode | null {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return null;
}

/** The category and everything under it: where it cannot be moved. */
export function subtreeIds(nodes: readonly CategoryNode[], id: number): Set<number> {
  const ids = new Set<number>();
  const root = findNode(nodes, id);
  const visit = (node: CategoryNode) => {
    ids.add(node.id);
    node.children.forEach(visit);
  };
  if (root) visit(root);
  return ids;
}

/** Names from the top down to the category: "Beef › Primals › Chuck". */
export function breadcrumb(nodes: readonly CategoryNode[], id: number): string[] {
  const walk = (level: readonly CategoryNode[], trail: string[]): string[] | null => {
    for (const node of level) {
      const next = [...trail, node.name];
      if (node.id === id) return next;
      const found = walk(node.children, next);
      if (found) return found;
    }
    return null;
  };
  return walk(nodes, []) ?? [];
}

/** Ids of categories whose name (or a descendant's) matches, so a filtered tree stays a tree. */
export function matchingIds(nodes: readonly CategoryNode[], text: string): Set<number> {
  const needle = text.trim().toLowerCase();
  const ids = new Set<number>();
  const visit = (node: CategoryNode): boolean => {
    const childMatch = node.children.map(visit).some(Boolean);
    const match = !needle || node.name.toLowerCase().includes(needle) || childMatch;
    if (match) ids.add(node.id);
    return match;
  };
  nodes.forEach(visit);
  return ids;
}

/** Option label for a select: indentation by depth, since <option> cannot hold markup. */
export function indentedLabel(category: FlatCategory): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(category.depth)}${category.depth > 0 ? '└ ' : ''}${category.name}`;
}

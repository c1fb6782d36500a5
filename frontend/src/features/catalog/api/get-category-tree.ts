import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type CategoryNode = components['schemas']['CategoryTreeNode'];

export const CATEGORY_TREE_KEY = ['catalog', 'categories', 'tree'] as const;

export async function getCategoryTree(): Promise<CategoryNode[]> {
  return dataOf(await apiClient.GET('/api/v1/categories/tree/'));
}

export const categoryTreeQueryOptions = () => queryOptions({ queryKey: CATEGORY_TREE_KEY, queryFn: getCategoryTree });

export function useCategoryTree() {
  return useQuery(categoryTreeQueryOptions());
}

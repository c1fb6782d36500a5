import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/checkbox';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatMoney } from '@/lib/format';
import { booleanParam } from '@/lib/query-string';

import { useCategoryTree } from '../api/get-category-tree';
import { productsExportUrl } from '../api/export-products';
import { UNIT_LABELS, UNITS, useProducts, type Product, type ProductListQuery, type Unit } from '../api/get-products';
import { flattenTree, indentedLabel } from '../lib/category-tree';

const DEFAULTS = { active: 'true', sub: 'true' };

interface ProductsListProps {
  /** Staff see standard costs, inactive products and the export; customers do not. */
  showCosts: boolean;
  productHref?: (product: Product) => string;
  /** Extra buttons beside the export link (new product, import). */
  actions?: ReactNode;
}

/** Reads the list's URL into the API query; also used for the export link. */
export function productQueryFromParams(get: (name: string) => string, page: number, ordering: string | undefined, showCosts: boolean): ProductListQuery {
  const category = get('category');
  const unit = get('unit');
  return {
    page,
    page_size: PAGE_SIZE,
    ordering: ordering ?? 'sku',
    search: get('search') || undefined,
    category: category || undefined,
    include_descendants: category ? get('sub') === 'true' : undefined,
    active: showCosts ? booleanParam(get('active')) : undefined,
    unit: (UNITS as readonly string[]).includes(unit) ? (unit as Unit) : undefined,
  };
}

export function ProductsList({ showCosts, productHref, actions }: ProductsListProps) {
  const list = useListParams(DEFAULTS);
  const query = productQueryFromParams(list.get, list.page, list.ordering, showCosts);
  const products = useProducts(query);
  const tree = useCategoryTree();
  const categories = flattenTree(tree.data ?? []);

  const columns: Column<Product>[] = [
    {
      key: 'sku',
      header: 'SKU',
      sortKey: 'sku',
      cell: (p) =>
        productHref ? (
          <Link to={productHref(p)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
            {p.sku}
          </Link>
        ) : (
          <span className="font-medium">{p.sku}</span>
        ),
    },
    { key: 'name', header: 'Name', sortKey: 'name', cell: (p) => p.name },
    { key: 'category', header: 'Category', cell: (p) => p.category_name },
    { key: 'unit', header: 'Unit', cell: (p) => p.unit },
    { key: 'price', header: 'List price', sortKey: 'list_price', align: 'right', cell: (p) => formatMoney(p.list_price, p.currency) },
  ];
  if (showCosts) {
    columns.push(
      { key: 'cost', header: 'Standard cost', align: 'right', cell: (p) => (p.standard_cost ? formatMoney(p.standard_cost, p.currency) : '—') },
      { key: 'status', header: 'Status', cell: (p) => (p.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
    );
  }

  const filtered = Boolean(query.search || query.category || query.unit);

  return (
    <div>
      <FilterBar label="Product filters">
        <SearchInput label="Search" placeholder="SKU, name or GTIN" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Category" value={list.get('category')} onChange={(category) => list.set({ category })}>
          <option value="">All categories</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {indentedLabel(category)}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect label="Unit" value={list.get('unit')} onChange={(unit) => list.set({ unit })}>
          <option value="">All units</option>
          {UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {UNIT_LABELS[unit]}
            </option>
          ))}
        </LabelledSelect>
        {showCosts ? (
          <LabelledSelect label="Status" value={list.get('active')} onChange={(active) => list.set({ active: active || 'all' })}>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
            <option value="all">All</option>
          </LabelledSelect>
        ) : null}
        <Checkbox
          className="h-10 !min-w-0"
          label="Include subcategories"
          checked={list.get('sub') === 'true'}
          disabled={!list.get('category')}
          onChange={(event) => list.set({ sub: event.target.checked ? 'true' : 'false' })}
        />
      </FilterBar>
      <div className="mb-3 flex flex-wrap items-center justify-end gap-2">
        {showCosts ? (
          <a
            href={productsExportUrl(query)}
            download
            className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
          >
            Export CSV
          </a>
        ) : null}
        {actions}
      </div>
      <Table
        caption="Products"
        columns={columns}
        rows={products.data?.results}
        rowKey={(p) => p.id}
        isLoading={products.isPending}
        error={products.isError ? `Could not load products. ${errorMessage(products.error)}` : null}
        onRetry={() => void products.refetch()}
        emptyMessage={filtered ? 'No products match these filters.' : 'No products yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={products.data?.count} onPageChange={list.setPage} label="Product pages" />
    </div>
  );
}

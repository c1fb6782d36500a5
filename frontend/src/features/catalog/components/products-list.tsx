import type { ReactNode } from 'react';

import { ChoiceFilter, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/checkbox';
import { LabelledSelect } from '@/components/ui/labelled-select';
import type { Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
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
      cell: (p) => (productHref ? <RecordLink to={productHref(p)}>{p.sku}</RecordLink> : <span className="font-medium">{p.sku}</span>),
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
    <ListPage
      caption="Products"
      list={list}
      ordering={query.ordering}
      query={products}
      columns={columns}
      noun="products"
      emptyMessage={filtered ? 'No products match these filters.' : 'No products yet.'}
      filtersLabel="Product filters"
      filters={
        <>
          <ListSearch list={list} placeholder="SKU, name or GTIN" />
          <ChoiceFilter
            list={list}
            name="category"
            label="Category"
            anyLabel="All categories"
            choices={categories.map((category) => [String(category.id), indentedLabel(category)] as const)}
          />
          <ChoiceFilter list={list} name="unit" label="Unit" anyLabel="All units" choices={UNITS.map((unit) => [unit, UNIT_LABELS[unit]] as const)} />
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
        </>
      }
      actions={
        showCosts || actions ? (
          <>
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
          </>
        ) : null
      }
      pagesLabel="Product pages"
    />
  );
}

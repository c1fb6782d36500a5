import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';

import { CsvImport } from '@/components/csv-import';
import { Card } from '@/components/ui/card';
import { importProducts } from '@/features/catalog/api/import-products';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProductImportRoute() {
  useDocumentTitle('Import products');
  const queryClient = useQueryClient();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/stock" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← Products
        </Link>
      </p>
      <Card title="Import products from CSV">
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          Products are matched by SKU: new SKUs are created, known ones updated. Check the file first; nothing is written
          until you import a file without errors, and then all rows are written or none. Tip: export the product list to
          get a file in the right format.
        </p>
        <CsvImport
          noun="products"
          upload={importProducts}
          columnsHint="Columns as in the export: sku, name, category, unit, list_price, currency, tax_category, gtin, …"
          onImported={() => void queryClient.invalidateQueries({ queryKey: ['catalog'] })}
        />
      </Card>
    </div>
  );
}

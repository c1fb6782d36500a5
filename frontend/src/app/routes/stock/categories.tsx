import { CategoryTree } from '@/features/catalog/components/category-tree';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function CategoriesRoute() {
  useDocumentTitle('Categories');
  const canEdit = useCan('category.create');
  return <CategoryTree canEdit={canEdit} productsHref={(category) => `/stock?category=${category.id}`} />;
}

import { Departments } from '@/features/users/components/departments';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function DepartmentsRoute() {
  useDocumentTitle('Departments');
  return <Departments />;
}

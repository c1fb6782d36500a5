import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** Stands in for a section whose screens are not built yet. */
export default function SectionRoute({ title }: { title: string }) {
  useDocumentTitle(title);
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <p className="text-sm text-slate-600 dark:text-slate-300">This section is coming soon.</p>
      </Card>
    </>
  );
}

import { PageHeader } from '@/components/layouts/page-header';
import { ApprovalRulesList } from '@/features/approval-rules/components/approval-rules-list';
import { useCan } from '@/features/auth/hooks/use-grants';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ApprovalRulesRoute() {
  useDocumentTitle('Approval rules');
  return (
    <>
      <PageHeader title="Approval rules" description="Which approvals a purchase request needs, by its total, department and category." />
      <ApprovalRulesList canEdit={useCan('approval_rule.update')} canCreate={useCan('approval_rule.create')} />
    </>
  );
}

import { Outlet } from 'react-router';

import { TabLinks } from '@/components/ui/tabs';
import { useCan } from '@/features/auth/hooks/use-grants';

/** The approver's section: their queue, their delegations, and the rules that route requests. */
export default function ApprovalsLayout() {
  const seesDelegations = useCan('delegation.view');
  const seesRules = useCan('approval_rule.view');
  const tabs = [
    { to: '/approvals', label: 'Waiting for me', end: true },
    ...(seesDelegations ? [{ to: '/approvals/delegations', label: 'Delegations' }] : []),
    ...(seesRules ? [{ to: '/approvals/rules', label: 'Approval rules' }] : []),
  ];
  return (
    <>
      <TabLinks tabs={tabs} label="Approval sections" />
      <Outlet />
    </>
  );
}

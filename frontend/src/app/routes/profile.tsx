import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { ROLE_LABELS } from '@/config/roles';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { ApiTokens } from '@/features/profile/components/api-tokens';
import { PasswordForm } from '@/features/profile/components/password-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { knownRoles } from '@/lib/authorization';
import { formatMoney } from '@/lib/format';

export default function ProfileRoute() {
  useDocumentTitle('My profile');
  const user = useSessionStore((state) => state.user);
  return (
    <>
      <PageHeader title="My profile" />
      <div className="space-y-6">
        {user ? (
          <Card title="About you">
            <DescriptionList
              items={[
                { term: 'Name', value: user.full_name },
                { term: 'Email', value: user.email },
                { term: 'Phone', value: user.phone },
                { term: 'Department', value: user.department?.name ?? '' },
                { term: 'Manager', value: user.manager?.full_name ?? '' },
                { term: 'Roles', value: knownRoles(user.roles).map((role) => ROLE_LABELS[role]).join(', ') },
                { term: 'Approval limit', value: formatMoney(user.spending_limit, 'USD') },
              ]}
            />
          </Card>
        ) : null}
        <Card title="Password">
          <PasswordForm />
        </Card>
        <Card title="Personal API tokens">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
            Tokens let scripts and integrations use the API as you, with your roles. Revoke any you no longer use.
          </p>
          <ApiTokens />
        </Card>
      </div>
    </>
  );
}

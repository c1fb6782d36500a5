import { Link, useNavigate, useParams } from 'react-router';

import { HistoryPanel } from '@/components/history-panel';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { useUser } from '@/features/users/api/get-user';
import { UserForm } from '@/features/users/components/user-form';
import { UserStatus } from '@/features/users/components/user-status';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function UserDetailRoute() {
  const { userId = '' } = useParams();
  const user = useUser(Number(userId));
  const navigate = useNavigate();
  useDocumentTitle(user.data?.full_name ?? 'User');
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/users" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← Users
        </Link>
      </p>
      <QueryState query={user} what="the user">
        {(data) => (
          <div className="space-y-6">
            <Card title={data.full_name || data.email} actions={<UserStatus user={data} />}>
              <UserForm key={data.updated_at} user={data} onCancel={() => void navigate('/users')} onSaved={(saved) => toast.success(`${saved.full_name} saved.`)} />
            </Card>
            <HistoryPanel source={{ resource: 'users', id: data.id, version: data.updated_at }} />
          </div>
        )}
      </QueryState>
    </div>
  );
}

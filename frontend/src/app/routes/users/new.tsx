import { useNavigate } from 'react-router';

import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { UserForm } from '@/features/users/components/user-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function UserNewRoute() {
  useDocumentTitle('New user');
  const navigate = useNavigate();
  return (
    <Card title="New user">
      <UserForm
        onCancel={() => void navigate('/users')}
        onSaved={(user) => {
          toast.success(`${user.full_name} can now be given work.`);
          void navigate(`/users/${user.id}`);
        }}
      />
    </Card>
  );
}

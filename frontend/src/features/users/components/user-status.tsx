import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';

import type { UserAdmin } from '../api/get-users';
import { useSetUserActive } from '../api/set-user-active';

export function UserStatus({ user }: { user: UserAdmin }) {
  const [confirming, setConfirming] = useState(false);
  const setActive = useSetUserActive();
  const change = async (active: boolean) => {
    try {
      await setActive.mutateAsync({ id: user.id, active });
      toast.success(active ? `${user.full_name} can sign in again.` : `${user.full_name} is deactivated and signed out.`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {user.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
      {user.is_active ? (
        <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
          Deactivate
        </Button>
      ) : (
        <Button size="sm" variant="secondary" busy={setActive.isPending} onClick={() => void change(true)}>
          Reactivate
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Deactivate ${user.full_name}?`}
        description="They can no longer sign in and their API tokens stop working. Their documents and history stay."
        confirmLabel="Deactivate"
        tone="danger"
        busy={setActive.isPending}
        onConfirm={() => void change(false)}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

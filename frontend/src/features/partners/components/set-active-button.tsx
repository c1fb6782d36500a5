import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';

import { useSetPartyActive, type PartyResource } from '../api/set-party-active';

interface SetActiveButtonProps {
  resource: PartyResource;
  id: number;
  name: string;
  isActive: boolean;
  /** What deactivating means for this kind of record. */
  consequence: string;
}

/** Deactivate (asks first) or reactivate a partner record. */
export function SetActiveButton({ resource, id, name, isActive, consequence }: SetActiveButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const mutation = useSetPartyActive();
  const run = async (active: boolean) => {
    try {
      await mutation.mutateAsync({ resource, id, active });
      toast.success(active ? `${name} is active again.` : `${name} is deactivated.`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };
  return (
    <>
      {isActive ? (
        <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
          Deactivate
        </Button>
      ) : (
        <Button size="sm" variant="secondary" busy={mutation.isPending} onClick={() => void run(true)}>
          Reactivate
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Deactivate ${name}?`}
        description={`${consequence} You can reactivate it later.`}
        confirmLabel="Deactivate"
        tone="danger"
        busy={mutation.isPending}
        onConfirm={() => void run(false)}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}

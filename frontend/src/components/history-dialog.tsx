import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';

import type { HistorySource } from './history-api';
import { HistoryPanel } from './history-panel';

/** A "History" button for a table row; the object's history opens in a dialog. */
export function HistoryButton({ source, name }: { source: HistorySource; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`History of ${name}`}>
        History
      </Button>
      <Modal open={open} onClose={() => setOpen(false)} title={`History of ${name}`} size="lg">
        {open ? <HistoryPanel source={source} title="Changes" /> : null}
      </Modal>
    </>
  );
}

import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';

import { useInboundMessages, type InboundAttachment, type InboundMessage } from '../api/mailin';

const STATUS_TONE = { imported: 'success', nothing_new: 'neutral', rejected: 'danger' } as const;
const STATUS_LABEL = { imported: 'imported', nothing_new: 'nothing new', rejected: 'rejected' } as const;
const OUTCOME_TONE = { imported: 'success', duplicate: 'info', skipped: 'warning' } as const;

function Attachments({ message }: { message: InboundMessage }) {
  if (message.status === 'rejected') return <span className="text-sm text-red-700 dark:text-red-400">{message.error}</span>;
  if (message.attachments.length === 0) return <span className="text-sm text-slate-500">No files.</span>;
  return (
    <ul className="space-y-1 text-sm">
      {message.attachments.map((a: InboundAttachment) => (
        <li key={a.id}>
          <Badge tone={OUTCOME_TONE[a.outcome]}>{a.outcome}</Badge> {a.filename || a.declared_type}
          {a.document ? (
            <>
              {' '}
              → document #{a.document}
              {a.document_status ? ` (${a.document_status})` : ''}
            </>
          ) : null}
          {a.reason ? <span className="block text-slate-600 dark:text-slate-400">{a.reason}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Received by e-mail: every message read from the mailboxes and what became of its files. */
export function ReceivedMail() {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const messages = useInboundMessages({ page, status: status || undefined, search: search || undefined });
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <SearchInput
          label="Search sender or subject"
          value={search}
          onSearch={(value) => {
            setSearch(value);
            setPage(1);
          }}
        />
        <LabelledSelect
          label="Status"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
        >
          <option value="">All</option>
          <option value="imported">Imported</option>
          <option value="nothing_new">Nothing new</option>
          <option value="rejected">Rejected</option>
        </LabelledSelect>
      </div>
      <Table
        caption="Received by e-mail"
        columns={[
          { key: 'received', header: 'Received', cell: (m: InboundMessage) => formatDateTime(m.received_at) },
          {
            key: 'from',
            header: 'From',
            cell: (m: InboundMessage) => (
              <span className="break-all">
                {m.from_name ? `${m.from_name} ` : ''}
                {m.from_address ? `<${m.from_address}>` : '—'}
                {m.supplier_name ? <span className="block text-sm text-slate-600 dark:text-slate-400">Supplier: {m.supplier_name}</span> : null}
              </span>
            ),
          },
          { key: 'subject', header: 'Subject', cell: (m: InboundMessage) => m.subject || '—' },
          { key: 'status', header: 'Status', cell: (m: InboundMessage) => <Badge tone={STATUS_TONE[m.status]}>{STATUS_LABEL[m.status]}</Badge> },
          { key: 'files', header: 'Files', cell: (m: InboundMessage) => <Attachments message={m} /> },
        ]}
        rows={messages.data?.results}
        rowKey={(m) => m.id}
        isLoading={messages.isPending}
        error={messages.isError ? `Could not load received mail. ${errorMessage(messages.error)}` : null}
        onRetry={() => void messages.refetch()}
        emptyMessage="Nothing received yet."
      />
      <Pagination page={page} pageSize={20} count={messages.data?.count} onPageChange={setPage} label="Received mail pages" />
    </div>
  );
}

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';

import { useContacts, type Contact, type ContactQuery } from '../api/get-contacts';
import { useMakeContactPrimary } from '../api/make-contact-primary';

const NO_DEFAULTS = {};
const PARTY_TYPES = { supplier: 'Suppliers', plant: 'Plants', customer: 'Customers', carrier: 'Carriers' } as const;
type PartyType = NonNullable<ContactQuery['party_type']>;

export function ContactsList({ canEdit }: { canEdit: boolean }) {
  const list = useListParams(NO_DEFAULTS);
  const makePrimary = useMakeContactPrimary();
  const party = list.get('party');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    search: list.search || undefined,
    party_type: party in PARTY_TYPES ? (party as PartyType) : undefined,
    is_primary: list.get('primary') === 'true' ? true : undefined,
  };
  const contacts = useContacts(query);
  const setPrimary = async (contact: Contact) => {
    try {
      await makePrimary.mutateAsync(contact.id);
      toast.success(`${contact.name} is now the primary contact of ${contact.party_name}.`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  const columns: Column<Contact>[] = [
    {
      key: 'name',
      header: 'Name',
      cell: (c) => (
        <span>
          {c.name} {c.is_primary ? <Badge tone="info">Primary</Badge> : null}
          {c.title ? <span className="block text-xs text-slate-600 dark:text-slate-400">{c.title}</span> : null}
        </span>
      ),
    },
    { key: 'party', header: 'Of', cell: (c) => `${c.party_name} (${c.party_type})` },
    { key: 'email', header: 'Email', cell: (c) => c.email || '—' },
    { key: 'phone', header: 'Phone', cell: (c) => c.phone || '—' },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      cell: (c) =>
        c.is_primary ? null : (
          <Button size="sm" variant="ghost" onClick={() => void setPrimary(c)} aria-label={`Make primary: ${c.name}`}>
            Make primary
          </Button>
        ),
    });
  }
  return (
    <div>
      <FilterBar label="Contact filters">
        <SearchInput label="Search" placeholder="Name, email or phone" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Of" value={party} onChange={(value) => list.set({ party: value })}>
          <option value="">Everyone</option>
          {(Object.keys(PARTY_TYPES) as PartyType[]).map((value) => (
            <option key={value} value={value}>
              {PARTY_TYPES[value]}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect label="Primary" value={list.get('primary')} onChange={(primary) => list.set({ primary })}>
          <option value="">All contacts</option>
          <option value="true">Primary only</option>
        </LabelledSelect>
      </FilterBar>
      <Table
        caption="Contacts"
        columns={columns}
        rows={contacts.data?.results}
        rowKey={(c) => c.id}
        isLoading={contacts.isPending}
        error={contacts.isError ? `Could not load contacts. ${errorMessage(contacts.error)}` : null}
        onRetry={() => void contacts.refetch()}
        emptyMessage="No contacts match these filters."
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={contacts.data?.count} onPageChange={list.setPage} label="Contact pages" />
    </div>
  );
}

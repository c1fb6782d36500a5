import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { Modal } from '@/components/ui/modal';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';

import type { SupplierDetail as Supplier } from '../api/get-supplier';
import { useMakeContactPrimary } from '../api/make-contact-primary';
import { ADDRESS_KIND_LABELS } from '../api/save-supplier';
import { StatusBadge } from '../lib/status';

import { ContactForm } from './contact-form';
import { SetActiveButton } from './set-active-button';
import { SupplierForm } from './supplier-form';

type ContactRow = Supplier['contacts'][number];
type PlantRow = Supplier['plants'][number];
type AddressRow = NonNullable<Supplier['addresses']>[number];

export function SupplierDetail({ supplier, canEdit }: { supplier: Supplier; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [addingContact, setAddingContact] = useState(false);
  const makePrimary = useMakeContactPrimary();

  const setPrimary = async (contact: ContactRow) => {
    try {
      await makePrimary.mutateAsync(contact.id);
      toast.success(`${contact.name} is now the primary contact.`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <div className="space-y-6">
      <Card
        title={`${supplier.code} — ${supplier.name}`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={supplier.status} />
            {canEdit && !editing ? (
              <>
                <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                  Edit
                </Button>
                <SetActiveButton
                  resource="suppliers"
                  id={supplier.id}
                  name={supplier.name}
                  isActive={supplier.is_active}
                  consequence="No new purchase orders can be raised with this supplier; existing documents keep it."
                />
              </>
            ) : null}
          </div>
        }
      >
        {editing ? (
          <SupplierForm
            supplier={supplier}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              toast.success(`${saved.name} saved.`);
              setEditing(false);
            }}
          />
        ) : (
          <DescriptionList
            items={[
              { term: 'Legal name', value: supplier.legal_name },
              { term: 'Tax id', value: supplier.tax_id },
              { term: 'Payment terms', value: supplier.payment_terms_days !== undefined ? `Net ${supplier.payment_terms_days} days` : '' },
              { term: 'Currency', value: supplier.currency },
              { term: 'On hold', value: supplier.on_hold ? 'Yes' : 'No' },
              { term: 'Updated', value: formatDateTime(supplier.updated_at) },
              { term: 'Notes', value: supplier.notes },
            ]}
          />
        )}
      </Card>

      <Card title="Plants">
        <Table
          caption="Plants"
          columns={[
            { key: 'code', header: 'Code', cell: (p: PlantRow) => p.code },
            { key: 'name', header: 'Name', cell: (p: PlantRow) => p.name },
            { key: 'est', header: 'Establishment no.', cell: (p: PlantRow) => p.establishment_number },
            { key: 'where', header: 'Location', cell: (p: PlantRow) => [p.city, p.region].filter(Boolean).join(', ') || '—' },
            { key: 'status', header: 'Status', cell: (p: PlantRow) => (p.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
          ]}
          rows={supplier.plants}
          rowKey={(p) => p.id}
          emptyMessage="No plants on record."
        />
      </Card>

      <Card
        title="Contacts"
        actions={
          canEdit ? (
            <Button size="sm" variant="secondary" onClick={() => setAddingContact(true)}>
              Add contact
            </Button>
          ) : null
        }
      >
        <Table
          caption="Contacts"
          columns={[
            {
              key: 'name',
              header: 'Name',
              cell: (c: ContactRow) => (
                <span>
                  {c.name} {c.is_primary ? <Badge tone="info">Primary</Badge> : null}
                  {c.title ? <span className="block text-xs text-slate-600 dark:text-slate-400">{c.title}</span> : null}
                </span>
              ),
            },
            { key: 'email', header: 'Email', cell: (c: ContactRow) => (c.email ? <a href={`mailto:${c.email}`} className="underline">{c.email}</a> : '—') },
            { key: 'phone', header: 'Phone', cell: (c: ContactRow) => c.phone || '—' },
            {
              key: 'actions',
              header: <span className="sr-only">Actions</span>,
              cell: (c: ContactRow) =>
                canEdit && !c.is_primary ? (
                  <Button size="sm" variant="ghost" onClick={() => void setPrimary(c)} aria-label={`Make primary: ${c.name}`}>
                    Make primary
                  </Button>
                ) : null,
            },
          ]}
          rows={supplier.contacts}
          rowKey={(c) => c.id}
          emptyMessage="No contacts yet."
        />
      </Card>

      <Card title="Addresses">
        <Table
          caption="Addresses"
          columns={[
            { key: 'kind', header: 'Kind', cell: (a: AddressRow) => ADDRESS_KIND_LABELS[a.kind] },
            {
              key: 'address',
              header: 'Address',
              cell: (a: AddressRow) =>
                [a.label, a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ') || '—',
            },
          ]}
          rows={supplier.addresses ?? []}
          rowKey={(a) => `${a.kind}-${a.line1}-${a.city}`}
          emptyMessage="No addresses."
        />
      </Card>

      <Modal open={addingContact} onClose={() => setAddingContact(false)} title={`New contact at ${supplier.name}`}>
        <ContactForm
          party={{ supplier: supplier.id }}
          onCancel={() => setAddingContact(false)}
          onDone={() => {
            toast.success('Contact added.');
            setAddingContact(false);
          }}
        />
      </Modal>
    </div>
  );
}

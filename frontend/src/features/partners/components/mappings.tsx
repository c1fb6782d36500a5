import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Modal } from '@/components/ui/modal';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Select } from '@/components/ui/select';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { numberParam } from '@/lib/query-string';

import { MAPPING_FIELDS, mappingInputSchema, useCreateMapping, type MappingInput } from '../api/create-mapping';
import { useMappings, type SupplierPlant } from '../api/get-mappings';
import { usePlants } from '../api/get-plants';
import { useSuppliers } from '../api/get-suppliers';

import { SetActiveButton } from './set-active-button';

const NO_DEFAULTS = {};
const ALL_SUPPLIERS = { page_size: 200, ordering: 'name', is_active: true } as const;

function MappingForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const create = useCreateMapping();
  const suppliers = useSuppliers(ALL_SUPPLIERS);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<MappingInput>({ resolver: zodResolver(mappingInputSchema), defaultValues: { supplier: '', plant: '', notes: '' } });
  // Any active plant may be approved for a supplier (a broker buys from other packers' plants too).
  const plants = usePlants();
  const submit = handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      onDone();
    } catch (error) {
      applyApiErrors(error, setError, MAPPING_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Supplier" error={errors.supplier?.message} required>
        {(c) => (
          <Select {...c} {...register('supplier')}>
            <option value="">Choose…</option>
            {(suppliers.data?.results ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {s.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Plant" error={errors.plant?.message} required>
        {(c) => (
          <Select {...c} {...register('plant')}>
            <option value="">Choose…</option>
            {(plants.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} — {p.name} ({p.establishment_number}, {p.supplier_code})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Notes" error={errors.notes?.message}>
        {(c) => <Input {...c} {...register('notes')} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          Add mapping
        </Button>
      </div>
    </form>
  );
}

export function MappingsList({ canEdit }: { canEdit: boolean }) {
  const list = useListParams(NO_DEFAULTS);
  const [adding, setAdding] = useState(false);
  const suppliers = useSuppliers(ALL_SUPPLIERS);
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? 'supplier__code',
    search: list.search || undefined,
    supplier: numberParam(list.get('supplier')),
  };
  const mappings = useMappings(query);
  const columns: Column<SupplierPlant>[] = [
    { key: 'supplier', header: 'Supplier', sortKey: 'supplier__code', cell: (m) => m.supplier_code },
    { key: 'plant', header: 'Plant', sortKey: 'plant__code', cell: (m) => m.plant_code },
    { key: 'est', header: 'Establishment no.', cell: (m) => m.establishment_number },
    { key: 'products', header: 'Products', align: 'right', cell: (m) => (m.products?.length ? m.products.length : 'All') },
    { key: 'customers', header: 'Approved customers', align: 'right', cell: (m) => (m.approved_customers?.length ? m.approved_customers.length : 'All') },
    { key: 'status', header: 'Status', cell: (m) => (m.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      cell: (m) => (
        <SetActiveButton
          resource="supplier-plant-mappings"
          id={m.id}
          name={`${m.supplier_code} / ${m.plant_code}`}
          isActive={m.is_active}
          consequence="Purchases from this plant through this supplier will no longer be allowed."
        />
      ),
    });
  }
  return (
    <div>
      <FilterBar label="Mapping filters">
        <SearchInput label="Search" placeholder="Supplier or plant" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Supplier" value={list.get('supplier')} onChange={(supplier) => list.set({ supplier })}>
          <option value="">All suppliers</option>
          {(suppliers.data?.results ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.code} — {s.name}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      {canEdit ? (
        <div className="mb-3 flex justify-end">
          <Button size="sm" onClick={() => setAdding(true)}>
            New mapping
          </Button>
        </div>
      ) : null}
      <Table
        caption="Supplier-plant mappings"
        columns={columns}
        rows={mappings.data?.results}
        rowKey={(m) => m.id}
        isLoading={mappings.isPending}
        error={mappings.isError ? `Could not load mappings. ${errorMessage(mappings.error)}` : null}
        onRetry={() => void mappings.refetch()}
        emptyMessage="No mappings match these filters."
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={mappings.data?.count} onPageChange={list.setPage} label="Mapping pages" />
      <Modal open={adding} onClose={() => setAdding(false)} title="New supplier-plant mapping">
        {adding ? (
          <MappingForm
            onCancel={() => setAdding(false)}
            onDone={() => {
              toast.success('Mapping added.');
              setAdding(false);
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}

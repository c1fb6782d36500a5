import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/format';

import { DEAL_FIELDS, dealSchema, useCreateDeal, useCrossDockStores, useOrderDeals, useSupplierPlants, type Deal, type DealInput } from '../api/deals';

interface OrderLine {
  id: number;
  line_no: number;
  sku: string;
  quantity: string;
  unit: string;
}

interface BackToBackPanelProps {
  order: number;
  customer: number;
  currency: string;
  lines: readonly OrderLine[];
  canCreate: boolean;
}

/** Back-to-back buying for a sales order: the purchase order for a line, drop-shipped from the
 * plant to the customer or cross-docked, and the margin of each deal (sale - purchase - landed
 * charges - freight). A plant the customer has not approved is refused by the server (409) and
 * its message shown here. */
export function BackToBackPanel({ order, customer, currency, lines, canCreate }: BackToBackPanelProps) {
  const deals = useOrderDeals(order);
  const plants = useSupplierPlants();
  const create = useCreateDeal(order);
  const bought = new Set((deals.data ?? []).map((deal) => deal.sales_line));
  const open = lines.filter((line) => !bought.has(line.id));
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<DealInput>({
    resolver: zodResolver(dealSchema),
    defaultValues: { sales_line: '', mapping: '', mode: 'drop_ship', cross_dock_location: '', unit_price: '', freight_cost: '' },
  });
  const mode = useWatch({ control, name: 'mode' });
  const stores = useCrossDockStores(canCreate && mode === 'cross_dock');
  const submit = handleSubmit(async (values) => {
    const mapping = (plants.data ?? []).find((option) => String(option.id) === values.mapping);
    if (!mapping) return;
    try {
      await create.mutateAsync({ input: values, mapping });
      reset();
    } catch (error) {
      applyApiErrors(error, setError, DEAL_FIELDS, { supplier: 'mapping', plant: 'mapping' });
    }
  });
  const money = (value: string | undefined) => formatMoney(value ?? '0', currency);

  return (
    <Card title="Back-to-back buying">
      <Table
        caption="Deals on this order"
        columns={[
          { key: 'po', header: 'Purchase order', cell: (deal: Deal) => <Link to={`/purchase-orders/${deal.purchase_order}`}>{deal.purchase_order_number}</Link> },
          { key: 'mode', header: 'Mode', cell: (deal) => (deal.mode === 'drop_ship' ? 'Drop-ship' : `Cross-dock via ${deal.ship_to_code}`) },
          { key: 'plant', header: 'Plant', cell: (deal) => `${deal.supplier_name} · est. ${deal.plant_establishment}` },
          { key: 'sale', header: 'Sale', align: 'right', cell: (deal) => money(deal.figures.sale) },
          { key: 'purchase', header: 'Purchase', align: 'right', cell: (deal) => money(deal.figures.purchase) },
          { key: 'landed', header: 'Landed', align: 'right', cell: (deal) => money(deal.figures.landed) },
          { key: 'freight', header: 'Freight', align: 'right', cell: (deal) => money(deal.figures.freight) },
          { key: 'margin', header: 'Margin', align: 'right', cell: (deal) => <strong>{money(deal.figures.margin)}</strong> },
        ]}
        rows={deals.data}
        rowKey={(deal) => deal.id}
        isLoading={deals.isPending}
        error={deals.isError ? `Could not load the deals. ${errorMessage(deals.error)}` : null}
        emptyMessage="No line of this order is bought back-to-back."
      />
      {canCreate && open.length > 0 ? (
        <form onSubmit={submit} noValidate aria-label="Buy back-to-back" className="mt-4 space-y-3">
          <FormError message={errors.root?.server?.message} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="Sales line" error={errors.sales_line?.message} required>
              {(c) => (
                <Select {...c} {...register('sales_line')}>
                  <option value="">Choose…</option>
                  {open.map((line) => (
                    <option key={line.id} value={String(line.id)}>
                      #{line.line_no} {line.sku} · {line.quantity} {line.unit}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Supplier and plant" error={errors.mapping?.message} required>
              {(c) => (
                <Select {...c} {...register('mapping')}>
                  <option value="">{plants.isPending ? 'Loading plants…' : 'Choose…'}</option>
                  {(plants.data ?? []).map((option) => (
                    <option key={option.id} value={String(option.id)}>
                      {option.supplier_code} · {option.plant_code} (est. {option.establishment_number})
                      {option.approved_customers?.includes(customer) ? ' · approved by the customer' : ''}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Mode" error={errors.mode?.message}>
              {(c) => (
                <Select {...c} {...register('mode')}>
                  <option value="drop_ship">Drop-ship (plant to customer)</option>
                  <option value="cross_dock">Cross-dock (through our cold store)</option>
                </Select>
              )}
            </Field>
            {mode === 'cross_dock' ? (
              <Field label="Cross-dock location" error={errors.cross_dock_location?.message} hint="The cold store the purchase order is received into." required>
                {(c) => (
                  <Select {...c} {...register('cross_dock_location')}>
                    <option value="">{stores.isPending ? 'Loading stores…' : 'Choose…'}</option>
                    {(stores.data ?? []).map((store) => (
                      <option key={store.id} value={String(store.id)}>
                        {store.code} · {store.name}
                        {store.kind === 'cold_store' ? ' (cold store)' : store.kind === 'freezer' ? ' (freezer)' : ''}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ) : null}
            <Field label="Purchase unit price" error={errors.unit_price?.message} required>
              {(c) => <Input {...c} inputMode="decimal" autoComplete="off" {...register('unit_price')} />}
            </Field>
            <Field label="Freight cost" error={errors.freight_cost?.message} hint="Carrier's charge for this deal.">
              {(c) => <Input {...c} inputMode="decimal" autoComplete="off" {...register('freight_cost')} />}
            </Field>
          </div>
          <Button type="submit" busy={isSubmitting}>
            Create purchase order
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

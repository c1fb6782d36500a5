import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { formatMoney, formatQuantity } from '@/lib/format';

import {
  BASES,
  CHARGE_FIELDS,
  CHARGE_KINDS,
  chargeSchema,
  useAllocateCharge,
  useOrderCharges,
  useStockCosts,
  type ChargeInput,
  type LandedCharge,
  type StockCost,
} from '../api/landed-charges';

interface LandedCostPanelProps {
  order: number;
  currency: string;
  location: number;
  products: readonly string[];
  receipts: ReadonlyArray<{ id: number; number: string }>;
  canAllocate: boolean;
}

/** Landed cost of a purchase order: freight, cold storage and other charges spread over a
 * receipt's lines by net weight, quantity or value. The part on goods still in stock raises
 * their moving-average cost (shown beside it); the part on goods already gone is expensed. */
export function LandedCostPanel({ order, currency, location, products, receipts, canAllocate }: LandedCostPanelProps) {
  const charges = useOrderCharges(order);
  const costs = useStockCosts(products, location);
  const allocate = useAllocateCharge();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChargeInput>({
    resolver: zodResolver(chargeSchema),
    defaultValues: { receipt: receipts[0] ? String(receipts[0].id) : '', kind: 'freight', basis: 'weight', amount: '', reference: '' },
  });
  const submit = handleSubmit(async (values) => {
    try {
      await allocate.mutateAsync(values);
      reset({ ...values, amount: '', reference: '' });
    } catch (error) {
      applyApiErrors(error, setError, CHARGE_FIELDS);
    }
  });
  const stock = costs.map((query) => query.data).filter((level): level is StockCost => Boolean(level));

  return (
    <Card title="Landed cost">
      <Table
        caption="Charges landed on this order"
        columns={[
          { key: 'receipt', header: 'Receipt', cell: (charge: LandedCharge) => charge.receipt_number },
          { key: 'kind', header: 'Charge', cell: (charge) => `${CHARGE_KINDS[charge.kind]}${charge.reference ? ` · ${charge.reference}` : ''}` },
          { key: 'basis', header: 'Spread', cell: (charge) => BASES[charge.basis] },
          { key: 'amount', header: 'Amount', align: 'right', cell: (charge) => formatMoney(charge.amount, charge.currency) },
          {
            key: 'allocations',
            header: 'Per line (in stock / expensed)',
            cell: (charge) =>
              charge.allocations
                .map((a) => `#${a.line_no}: ${formatMoney(a.capitalised, charge.currency)} / ${formatMoney(a.expensed, charge.currency)}`)
                .join(' · '),
          },
        ]}
        rows={charges.data}
        rowKey={(charge) => charge.id}
        isLoading={charges.isPending}
        error={charges.isError ? `Could not load the charges. ${errorMessage(charges.error)}` : null}
        emptyMessage="No freight or other charge is landed on this order yet."
      />
      <Table
        caption="Stock cost at the receiving location"
        columns={[
          { key: 'sku', header: 'Product', cell: (level: StockCost) => level.product_sku },
          { key: 'on_hand', header: 'On hand', align: 'right', cell: (level) => formatQuantity(level.on_hand) },
          { key: 'avg', header: 'Average cost', align: 'right', cell: (level) => formatMoney(level.average_cost, currency) },
          { key: 'value', header: 'Stock value', align: 'right', cell: (level) => formatMoney(level.value, currency) },
        ]}
        rows={stock}
        rowKey={(level) => level.id}
        isLoading={costs.some((query) => query.isPending)}
        emptyMessage="None of these products is in stock here."
      />
      {canAllocate && receipts.length > 0 ? (
        <form onSubmit={submit} noValidate aria-label="Allocate a charge" className="mt-4 space-y-3">
          <FormError message={errors.root?.server?.message} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="Receipt" error={errors.receipt?.message} required>
              {(c) => (
                <Select {...c} {...register('receipt')}>
                  {receipts.map((receipt) => (
                    <option key={receipt.id} value={String(receipt.id)}>
                      {receipt.number}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Charge" error={errors.kind?.message}>
              {(c) => (
                <Select {...c} {...register('kind')}>
                  {Object.entries(CHARGE_KINDS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Spread" error={errors.basis?.message}>
              {(c) => (
                <Select {...c} {...register('basis')}>
                  {Object.entries(BASES).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Charge amount" error={errors.amount?.message} required hint={`In ${currency}.`}>
              {(c) => <Input {...c} inputMode="decimal" autoComplete="off" {...register('amount')} />}
            </Field>
            <Field label="Carrier invoice number" error={errors.reference?.message}>
              {(c) => <Input {...c} autoComplete="off" {...register('reference')} />}
            </Field>
          </div>
          <Button type="submit" busy={isSubmitting}>
            Allocate charge
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

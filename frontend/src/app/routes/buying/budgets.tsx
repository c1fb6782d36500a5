import { useState, type FormEvent } from 'react';

import { PageHeader } from '@/components/layouts/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { useBudgets, useCreateBudget, type Budget } from '@/features/budgets/api/budgets';
import { useCategoryTree } from '@/features/catalog/api/get-category-tree';
import { useDepartments } from '@/features/purchase-requests/api/get-departments';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { useCan } from '../../use-can';


function NewBudgetForm() {
  const create = useCreateBudget();
  const departments = useDepartments();
  const categories = useCategoryTree();
  const [error, setError] = useState<string>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setError(undefined);
    try {
      await create.mutateAsync({
        name: String(data.get('name') ?? ''),
        period: String(data.get('period')) as Budget['period'],
        starts_on: String(data.get('starts_on') ?? ''),
        amount: String(data.get('amount') ?? ''),
        department: Number(data.get('department')) || null,
        category: Number(data.get('category')) || null,
        on_exceed: String(data.get('on_exceed')) as Budget['on_exceed'],
        is_active: true,
      });
      event.currentTarget?.reset();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }
  return (
    <Card title="New budget">
      <form aria-label="New budget" className="grid gap-3 sm:grid-cols-3" onSubmit={(e) => void submit(e)}>
        <label className="text-sm">
          Name
          <Input name="name" required />
        </label>
        <label className="text-sm">
          Period
          <select name="period" className="block h-10 w-full rounded-md border px-2">
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
            <option value="year">Year</option>
          </select>
        </label>
        <label className="text-sm">
          Starts on (first day of the period)
          <Input name="starts_on" type="date" required />
        </label>
        <label className="text-sm">
          Amount (company currency)
          <Input name="amount" inputMode="decimal" required />
        </label>
        <label className="text-sm">
          Department
          <Select name="department" defaultValue="">
            <option value="">All departments</option>
            {departments.data?.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          Category (with its subcategories)
          <Select name="category" defaultValue="">
            <option value="">All categories</option>
            {[...(categories.data ?? [])]
              .sort((a, b) => a.path.localeCompare(b.path))
              .map((category) => (
                <option key={category.id} value={category.id}>
                  {`${'\u00a0\u00a0'.repeat(category.level)}${category.name}`}
                </option>
              ))}
          </Select>
        </label>
        <label className="text-sm">
          When exceeded
          <select name="on_exceed" className="block h-10 w-full rounded-md border px-2">
            <option value="warn">Warn (add the over-budget approval step)</option>
            <option value="stop">Stop</option>
          </select>
        </label>
        <div className="sm:col-span-3">
          <FormError message={error} />
          <Button type="submit" disabled={create.isPending}>
            Create budget
          </Button>
        </div>
      </form>
    </Card>
  );
}

export default function BudgetsRoute() {
  useDocumentTitle('Budgets');
  const budgets = useBudgets();
  const canWrite = useCan('budget.create');
  return (
    <>
      <PageHeader title="Budgets" description="Pending, committed and invoiced spend against each budget, in the company currency." />
      <Table<Budget>
        caption="Budgets"
        rows={budgets.data?.results}
        rowKey={(b) => b.id}
        isLoading={budgets.isPending}
        error={budgets.isError ? errorMessage(budgets.error) : null}
        columns={[
          { key: 'name', header: 'Budget', cell: (b) => b.name },
          { key: 'scope', header: 'Scope', cell: (b) => [b.department_name || 'All departments', b.category_name].filter(Boolean).join(' · ') },
          { key: 'period', header: 'Period', cell: (b) => `${b.starts_on} – ${b.ends_on}` },
          { key: 'amount', header: 'Budget', align: 'right', cell: (b) => `${b.amount} ${b.currency}` },
          { key: 'pending', header: 'Pending', align: 'right', cell: (b) => b.pending },
          { key: 'committed', header: 'Committed', align: 'right', cell: (b) => b.committed },
          { key: 'actual', header: 'Invoiced', align: 'right', cell: (b) => b.actual },
          { key: 'remaining', header: 'Remaining', align: 'right', cell: (b) => b.remaining },
          { key: 'used', header: 'Used', align: 'right', cell: (b) => `${b.used_percent}%` },
          { key: 'on_exceed', header: 'Over budget', cell: (b) => b.on_exceed },
        ]}
      />
      {canWrite ? (
        <div className="mt-6">
          <NewBudgetForm />
        </div>
      ) : null}
    </>
  );
}

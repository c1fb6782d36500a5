import { useMutation } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ScannedCase = components['schemas']['ScannedCase'];

/** Read a GS1-128 case label: product by GTIN, lot, dates and net weight, checked by the server
 * (unknown GTIN, weight outside tolerance, expired lot, or when shipping a lot we do not hold,
 * come back as an error on ``code``). Reads only. */
export async function readCaseLabel(code: string, purpose: 'receive' | 'ship'): Promise<ScannedCase> {
  return dataOf(await apiClient.POST('/api/v1/scans/case-label/', { body: { code, purpose } }));
}

export function useReadCaseLabel(purpose: 'receive' | 'ship') {
  return useMutation({ mutationFn: (code: string) => readCaseLabel(code, purpose) });
}

/** Thousandths of a unit as an integer, so summed weights stay exact. */
export function thousandths(value: string): number {
  return Math.round(Number(value) * 1000);
}

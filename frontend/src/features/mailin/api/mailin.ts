import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Mailbox = components['schemas']['Mailbox'];
export type InboundMessage = components['schemas']['InboundMessage'];
export type InboundAttachment = components['schemas']['InboundAttachment'];
export type MailSecurity = components['schemas']['MailSecurityEnum'];

const KEY = ['mailin'] as const;

export const mailboxInputSchema = z.object({
  name: z.string().trim().min(1, 'Name the mailbox.').max(100),
  host: z
    .string()
    .trim()
    .min(1, 'Enter the IMAP server, e.g. imap.example.com.')
    .regex(/^[^\s/:@]+$/, 'Enter a host name or address only, e.g. imap.example.com.'),
  port: z.number({ error: 'Enter a port between 1 and 65535.' }).int().min(1, 'Between 1 and 65535.').max(65535, 'Between 1 and 65535.'),
  security: z.enum(['ssl', 'starttls', 'none']),
  username: z.string().trim().min(1, 'Enter the account name.').max(255),
  password: z.string().max(500),
  folder: z.string().trim().min(1, 'Enter the folder, usually INBOX.').max(255),
  is_active: z.boolean(),
});
export type MailboxInput = z.infer<typeof mailboxInputSchema>;

export function useMailboxes(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'mailboxes'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/mailboxes/', { params: { query: { page_size: 200 } } })).results,
    enabled,
  });
}

export function useInboundMessages(query: { page: number; status?: string | undefined; search?: string | undefined }) {
  return useQuery({
    queryKey: [...KEY, 'messages', query],
    queryFn: async () =>
      dataOf(
        await apiClient.GET('/api/v1/inbound-messages/', {
          params: {
            query: {
              page: query.page,
              page_size: 20,
              ...(query.status ? { status: query.status as InboundMessage['status'] } : {}),
              ...(query.search ? { search: query.search } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSaveMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id?: number | undefined; input: MailboxInput }) => {
      const { password, ...rest } = input;
      const body = { ...rest, ...(password ? { password } : {}) };
      if (id === undefined) return dataOf(await apiClient.POST('/api/v1/mailboxes/', { body }));
      return dataOf(await apiClient.PATCH('/api/v1/mailboxes/{id}/', { params: { path: { id } }, body }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      await apiClient.DELETE('/api/v1/mailboxes/{id}/', { params: { path: { id } } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function usePollMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => dataOf(await apiClient.POST('/api/v1/mailboxes/{id}/poll/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

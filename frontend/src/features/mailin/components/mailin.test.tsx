import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { MailboxesAdmin } from './mailboxes-admin';
import { ReceivedMail } from './received-mail';

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

const MAILBOX = {
  id: 3,
  name: 'Accounts payable',
  host: 'imap.example.com',
  port: 993,
  security: 'ssl',
  username: 'ap@example.com',
  folder: 'INBOX',
  is_active: true,
  documents_owner: 1,
  documents_owner_email: 'admin@example.com',
  has_password: true,
  last_polled_at: '2026-03-02T10:00:00Z',
  last_error: 'Sign-in to imap.example.com as ap@example.com failed: AUTHENTICATIONFAILED',
  last_uid: 0,
  created_at: '2026-03-01T10:00:00Z',
  updated_at: '2026-03-01T10:00:00Z',
};

const MESSAGES = [
  {
    id: 1,
    mailbox: 3,
    mailbox_name: 'Accounts payable',
    message_id: '<a@northpack.example>',
    from_address: 'billing@northpack.example',
    from_name: 'North Pack',
    subject: 'Invoice 4711',
    sent_at: '2026-03-02T09:30:00Z',
    received_at: '2026-03-02T09:31:00Z',
    status: 'imported',
    error: '',
    supplier: 7,
    supplier_name: 'North Pack Inc',
    supplier_matched_by: 'contact_email',
    attachments: [
      { id: 1, filename: 'INV-4711.pdf', declared_type: 'application/pdf', size: 100, outcome: 'imported', reason: '', document: 42, document_status: 'processed' },
      { id: 2, filename: 'terms.docx', declared_type: 'application/msword', size: 10, outcome: 'skipped', reason: 'Not an invoice file (PDF, e-invoice XML or a PNG, JPEG, TIFF, WebP or HEIC picture): application/msword.', document: null, document_status: null },
    ],
  },
  {
    id: 2,
    mailbox: 3,
    mailbox_name: 'Accounts payable',
    message_id: '<b@x.example>',
    from_address: '',
    from_name: '',
    subject: 'Who sent this',
    sent_at: null,
    received_at: '2026-03-02T09:32:00Z',
    status: 'rejected',
    error: 'The message has no valid sender (From) address; nothing was imported.',
    supplier: null,
    supplier_name: null,
    supplier_matched_by: '',
    attachments: [],
  },
];

describe('Invoices by e-mail', () => {
  it('lists what was received, with each file’s outcome and why a message was rejected', async () => {
    const { count } = installFakeFetch({ 'GET /api/v1/inbound-messages/': () => json(page(MESSAGES)) });
    renderWithProviders(<ReceivedMail />);

    const table = await screen.findByRole('table', { name: 'Received by e-mail' });
    expect(await within(table).findByText(/document #42 \(processed\)/)).toBeInTheDocument();
    expect(within(table).getByText('Supplier: North Pack Inc')).toBeInTheDocument();
    expect(within(table).getByText(/Not an invoice file/)).toBeInTheDocument();
    expect(within(table).getByText('The message has no valid sender (From) address; nothing was imported.')).toBeInTheDocument();

    await userEvent.setup().selectOptions(screen.getByLabelText('Status'), 'rejected');
    await waitFor(() => expect(count('GET /api/v1/inbound-messages/')).toBe(2));
  });

  it('shows a mailbox’s last error, never a password, and puts server field errors next to fields', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/mailboxes/': () => json(page([MAILBOX])),
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'POST /api/v1/mailboxes/': () => problem(400, { code: 'invalid', detail: 'invalid', errors: { name: ['A mailbox with this name already exists.'] } }),
      'POST /api/v1/mailboxes/3/poll/': () => json({ task_id: 'x', status_url: '/api/v1/tasks/x/' }, { status: 202 }),
    });
    renderWithProviders(<MailboxesAdmin />);
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Mailboxes' });
    expect(await within(table).findByText(/AUTHENTICATIONFAILED/)).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/v1/mailboxes/3/poll/'));

    const form = screen.getByRole('form', { name: 'New mailbox' });
    await user.type(within(form).getByLabelText(/^Name/), 'Accounts payable');
    await user.type(within(form).getByLabelText(/IMAP server/), 'imap.example.com');
    await user.type(within(form).getByLabelText(/^Account/), 'ap@example.com');
    await user.click(within(form).getByRole('button', { name: 'Add mailbox' }));
    expect(await within(form).findByText('Enter the mailbox password.')).toBeInTheDocument();

    await user.type(within(form).getByLabelText(/^Password/), 'secret-1');
    await user.click(within(form).getByRole('button', { name: 'Add mailbox' }));
    expect(await within(form).findByText('A mailbox with this name already exists.')).toBeInTheDocument();
    const sent = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/mailboxes/');
    expect(JSON.parse(sent?.body ?? '{}')).toMatchObject({ host: 'imap.example.com', port: 993, security: 'ssl', password: 'secret-1' });
  });
});

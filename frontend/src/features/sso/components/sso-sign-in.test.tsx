import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { SsoSignIn } from './sso-sign-in';

describe('SsoSignIn', () => {
  it('links each provider with the page to return to, and explains a failed sign-in', async () => {
    installFakeFetch({
      'GET /api/v1/auth/sso/providers/': () =>
        json({ providers: [{ id: 'google', name: 'Google', start_url: '/api/v1/auth/sso/google/start/' }], password_sign_in: true }),
    });
    renderWithProviders(<SsoSignIn next="/purchase-orders" error="sso_domain_refused" />);

    const link = await screen.findByRole('link', { name: 'Sign in with Google' });
    expect(link).toHaveAttribute('href', '/api/v1/auth/sso/google/start/?next=%2Fpurchase-orders');
    expect(screen.getByText('Accounts of your e-mail domain cannot sign in here.')).toBeInTheDocument();
  });
});

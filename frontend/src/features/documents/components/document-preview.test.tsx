import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/testing/render';

import { DocumentPreview } from './document-preview';

vi.mock('../api/get-document-file', () => ({
  useDocumentFile: () => ({ isPending: false, isError: false, data: new Blob(['picture'], { type: 'image/heic' }) }),
}));

describe('DocumentPreview', () => {
  it('offers the download when the browser cannot show the picture (HEIC)', () => {
    renderWithProviders(<DocumentPreview downloadUrl="/api/v1/documents/7/file/" contentType="image/heic" name="IMG_0412.HEIC" />);

    fireEvent.error(screen.getByRole('img', { name: 'Scan of IMG_0412.HEIC' }));

    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/cannot show this picture/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download IMG_0412.HEIC' })).toBeInTheDocument();
  });
});

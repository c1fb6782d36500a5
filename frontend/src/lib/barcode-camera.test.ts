import { describe, expect, it, vi } from 'vitest';

// The build emits the file into /assets/ under a hashed name; here it stands in for it.
vi.mock('./zxing-wasm-url', () => ({ default: '/assets/zxing_reader-Bx3kq9Tz.wasm' }));

import { localZXingFile, normaliseScan } from './barcode-camera';

describe('barcode camera', () => {
  it('loads the ZXing WebAssembly from our own origin, never a CDN', () => {
    const url = new URL(localZXingFile('zxing_reader.wasm', 'https://fastly.jsdelivr.net/npm/zxing-wasm@3.1.3/dist/reader/'));
    expect(url.origin).toBe(window.location.origin);
    expect(url.pathname).toMatch(/zxing_reader.*\.wasm$/);
    expect(url.href).not.toContain('jsdelivr');
  });

  it('leaves other loader files where the loader looks for them', () => {
    expect(localZXingFile('zxing_reader.data', '/x/')).toBe('/x/zxing_reader.data');
  });

  it('strips the GS1-128 symbology identifier but keeps FNC1 separators', () => {
    expect(normaliseScan(']C101100614141999961710\u001D3102001234')).toBe('01100614141999961710\u001D3102001234');
  });
});

/**
 * Camera scanning of GS1-128 labels: the browser's BarcodeDetector where it exists, else the
 * barcode-detector ponyfill (ZXing compiled to WebAssembly), loaded only when needed.
 *
 * The ponyfill would fetch its .wasm from a public CDN; we point it at the copy Vite emits into
 * our own /assets/ (hashed, cached immutably), so scanning works offline, behind a firewall and
 * under a Content-Security-Policy that allows only 'self' (plus 'wasm-unsafe-eval').
 */
import zxingReaderWasm from './zxing-wasm-url';

export interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}

type DetectorConstructor = new (options: { formats: string[] }) => Detector;

export async function createCode128Detector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
  if (native) return new native({ formats: ['code_128'] });
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  prepareZXingModule({ overrides: { locateFile: localZXingFile } });
  return new BarcodeDetector({ formats: ['code_128'] }) as unknown as Detector;
}

/** Where the ZXing loader finds its files: the reader's .wasm from our own assets. */
export function localZXingFile(path: string, prefix: string): string {
  if (path.endsWith('.wasm')) return new URL(zxingReaderWasm, window.location.href).href;
  return prefix + path;
}

/** FNC1 in a decoded GS1-128 symbol arrives as ASCII 29; keep it so the parser can split. */
export function normaliseScan(raw: string): string {
  return raw.replace(/^\]C1/, '').trim();
}

/** Watch the camera until a code is read (or ``signal`` aborts); resolves with the text. */
export async function scanWithCamera(video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  await video.play();
  const detector = await createCode128Detector();
  try {
    while (!signal.aborted) {
      const codes = await detector.detect(video);
      const first = codes[0];
      if (first) return normaliseScan(first.rawValue);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new DOMException('Scanning stopped', 'AbortError');
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}

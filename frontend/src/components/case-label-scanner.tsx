import { useRef, useState, type KeyboardEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { errorMessage, isApiError } from '@/lib/api-error';
import { normaliseScan, scanWithCamera } from '@/lib/barcode-camera';
import { useReadCaseLabel, type ScannedCase } from '@/lib/case-labels';

interface CaseLabelScannerProps {
  purpose: 'receive' | 'ship';
  /** Called with each label the server read and checked; return an error to refuse the case. */
  onCase: (scanned: ScannedCase) => string | undefined;
}

/** The scan field of receiving and shipping: a keyboard-wedge scanner types the label and ends
 * with Enter, or the camera reads it (BarcodeDetector, else ZXing from our own assets). A bad
 * label shows its reason under the field and adds nothing. */
export function CaseLabelScanner({ purpose, onCase }: CaseLabelScannerProps) {
  const read = useReadCaseLabel(purpose);
  const [code, setCode] = useState('');
  const [scanError, setScanError] = useState<string | undefined>();
  const [cameraOn, setCameraOn] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const abort = useRef<AbortController | null>(null);

  // A wedge scanner sends the next label before the server has read the last one: scans are
  // read one at a time, in the order scanned, so each check sees the cases already accepted.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const readOne = async (text: string) => {
    try {
      const scanned = await read.mutateAsync(text);
      setScanError(onCase(scanned));
    } catch (error) {
      setScanError(isApiError(error) ? (error.fieldErrors.code?.[0] ?? error.detail) : errorMessage(error));
    }
  };

  const add = (raw: string) => {
    const text = normaliseScan(raw);
    if (!text) return Promise.resolve();
    setCode('');
    queue.current = queue.current.then(() => readOne(text));
    return queue.current;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void add(code);
    }
  };

  const startCamera = async () => {
    if (!video.current) return;
    setCameraOn(true);
    abort.current = new AbortController();
    try {
      await add(await scanWithCamera(video.current, abort.current.signal));
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setScanError(`Camera: ${errorMessage(error)}`);
    } finally {
      setCameraOn(false);
    }
  };

  return (
    <>
      <Field label="Scan a case label" error={scanError} hint="Scan with the handheld scanner (it ends with Enter) or use the camera.">
        {(c) => (
          <Input
            {...c}
            autoFocus
            autoComplete="off"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder="(01)…(3202)…(10)…"
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void add(code)} busy={read.isPending}>
          Add case
        </Button>
        {cameraOn ? (
          <Button variant="secondary" onClick={() => abort.current?.abort()}>
            Stop camera
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => void startCamera()}>
            Scan with camera
          </Button>
        )}
      </div>
      <video ref={video} className={cameraOn ? 'w-full max-w-sm rounded-md' : 'hidden'} muted playsInline aria-label="Camera preview" />
    </>
  );
}

import { useState, type ReactNode } from 'react';

import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';

import { useDocumentFile } from '../api/get-document-file';

interface DocumentPreviewProps {
  downloadUrl: string;
  contentType: string;
  name: string;
}

// One object URL per fetched file, made during render and kept while the page lives: revoking
// it in an effect cleanup would break the preview when React re-runs effects.
const objectUrls = new WeakMap<Blob, string>();

function objectUrlFor(blob: Blob, contentType: string): string {
  let url = objectUrls.get(blob);
  if (!url) {
    url = URL.createObjectURL(blob.type === contentType ? blob : new Blob([blob], { type: contentType }));
    objectUrls.set(blob, url);
  }
  return url;
}

/** The uploaded file beside its fields: PDFs in the browser's viewer, images as they are. */
export function DocumentPreview({ downloadUrl, contentType, name }: DocumentPreviewProps) {
  const file = useDocumentFile(downloadUrl);
  if (file.isPending) return <Spinner label="Loading the document…" />;
  if (file.isError)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        Could not load the document. {errorMessage(file.error)}
      </p>
    );
  const url = objectUrlFor(file.data, contentType);
  const download = (
    <a href={url} download={name} className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
      Download {name}
    </a>
  );
  if (contentType.startsWith('image/')) return <ImagePreview url={url} name={name} download={download} />;
  return (
    <div className="space-y-2">
      <object data={url} type={contentType} aria-label={`Preview of ${name}`} className="h-[70vh] min-h-96 w-full rounded border border-slate-200 dark:border-slate-800">
        <p className="p-4 text-sm">This browser cannot show the PDF here. {download}</p>
      </object>
      {download}
    </div>
  );
}

/** A picture as it is; one the browser cannot show (TIFF, HEIC in most browsers) says so. */
function ImagePreview({ url, name, download }: { url: string; name: string; download: ReactNode }) {
  const [failed, setFailed] = useState(false);
  if (failed)
    return (
      <div className="space-y-2">
        <p className="text-sm">This browser cannot show this picture; its text was read on the server.</p>
        {download}
      </div>
    );
  return (
    <figure className="space-y-2">
      <img src={url} alt={`Scan of ${name}`} onError={() => setFailed(true)} className="w-full rounded border border-slate-200 dark:border-slate-800" />
      <figcaption>{download}</figcaption>
    </figure>
  );
}

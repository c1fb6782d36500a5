import { useId, useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-error';

import { ACCEPTED_TYPES, uploadDocument, type DocumentAccepted } from '../api/upload-document';
import { useTaskProgress } from '../hooks/use-task-progress';

import { TaskProgressBar } from './task-progress-bar';

const MAX_MB = 20;

/**
 * Choose a PDF or image, upload it, and watch the server read it (polled every 2 s). Calls
 * `onProcessed` once the fields are extracted.
 */
export function DocumentUpload({ onProcessed }: { onProcessed: (documentId: number) => void }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [accepted, setAccepted] = useState<DocumentAccepted | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useTaskProgress(accepted?.task_id);
  const finishedWithoutTask = accepted !== null && accepted.task_id === null;

  const upload = async () => {
    if (!file) {
      setError('Choose the invoice file first.');
      return;
    }
    if (file.size > MAX_MB * 1024 * 1024) {
      setError(`The file is larger than ${MAX_MB} MB.`);
      return;
    }
    setError(null);
    setUploading(true);
    try {
      setAccepted(await uploadDocument(file));
    } catch (caught) {
      setError(`Could not upload ${file.name}: ${errorMessage(caught)}`);
    } finally {
      setUploading(false);
    }
  };

  const succeeded = (progress.done && !progress.failed) || finishedWithoutTask;
  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          Invoice file
        </label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPTED_TYPES}
          disabled={uploading || (accepted !== null && !progress.done && !finishedWithoutTask)}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setAccepted(null);
            setError(null);
          }}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
          aria-describedby={`${inputId}-hint`}
        />
        <p id={`${inputId}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          PDF, PNG, JPEG, TIFF, WebP or HEIC up to {MAX_MB} MB. Scans are read with OCR.
        </p>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {accepted ? (
        <>
          <TaskProgressBar
            label={accepted.duplicate ? 'Already uploaded' : 'Reading the invoice'}
            percent={finishedWithoutTask ? 100 : progress.percent}
            step={progress.step}
            done={progress.done || finishedWithoutTask}
            failed={progress.failed}
          />
          {progress.failed ? <Alert>The document could not be read: {progress.error || 'unknown error'}. Check the file, or type the invoice in by hand.</Alert> : null}
          {progress.queryError ? <Alert tone="warning">Lost track of the progress: {errorMessage(progress.queryError)} Still trying…</Alert> : null}
          {accepted.duplicate ? <Alert tone="info">These exact bytes were uploaded before; you are reviewing that document.</Alert> : null}
        </>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {succeeded && accepted ? (
          <Button onClick={() => onProcessed(accepted.id)}>Review the extracted fields</Button>
        ) : (
          <Button onClick={() => void upload()} busy={uploading} disabled={accepted !== null && !progress.done}>
            Upload and read
          </Button>
        )}
      </div>
    </div>
  );
}

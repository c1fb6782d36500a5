import { useEffect } from 'react';

const APP_NAME = 'Procura';

/** Names the browser tab after the page, so people (and screen readers) know where they are. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}

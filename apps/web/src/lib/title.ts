import { useEffect } from 'react';

/** Sets the document title of a page. */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · Causeway`;
  }, [title]);
}

import { useEffect } from "react";

/** The tab's title while the page is shown ("Market statistics · Souk"), the previous one restored after. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const previous = document.title;
    document.title = `${title} · Souk`;
    return () => {
      document.title = previous;
    };
  }, [title]);
}

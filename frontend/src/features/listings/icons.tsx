/** Small line icons for the listing page (decorative: always aria-hidden; the text next to them says it all). */
const PATHS = {
  box: "M3 7.5 10 4l7 3.5v7L10 18l-7-3.5v-7Zm0 0 7 3.5m0 0 7-3.5M10 11v7",
  check: "m5 10.5 3 3 7-7",
  scale: "M10 3v14m-6 0h12M4.5 6h11M4.5 6 2 11.5a2.5 2.5 0 0 0 5 0L4.5 6Zm11 0L13 11.5a2.5 2.5 0 0 0 5 0L15.5 6Z",
  percent: "m5 15 10-10M6.5 7.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Zm7 7a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
  undo: "M7 5 3 9l4 4M3 9h9a4.5 4.5 0 0 1 0 9H9",
  lock: "M5.5 9h9a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1Zm1.5 0V6.5a3 3 0 0 1 6 0V9",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className = "size-4" }: { name: IconName; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`shrink-0 ${className}`}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

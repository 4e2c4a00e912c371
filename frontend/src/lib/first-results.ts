let resolve: () => void = () => undefined;

/**
 * Settles once the browse page has shown its first results (or said why it cannot). What the header adds after a
 * page's own content (the messages link and the bell, with the messaging code behind them) waits for it on the browse
 * page, so that none of that code is downloaded before the listings.
 */
export const firstResults = new Promise<void>((settle) => {
  resolve = settle;
});

export function markFirstResultsShown(): void {
  resolve();
}

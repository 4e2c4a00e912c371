/** One sentence per figure: how the indexer computes it (the same words as docs/API.md). */
export const METHODS: ReadonlyArray<readonly [string, string]> = [
  ["Volume", "Per currency, the amounts of orders that paid the seller (completed, settled or ruled), by the UTC day or ISO week in which they ended."],
  ["Orders by outcome", "Every order placed, by its state on the chain; ended by a deadline rather than a party where marked."],
  ["Dispute rate", "Orders in which a dispute was ever opened, out of every order placed."],
  ["Time to ship and to complete", "From payment to the seller marking the order shipped, and to its completion: the median and the time within which 9 in 10 did it (durations that actually happened)."],
  ["Active sellers and buyers", "Accounts that created a listing or received an order, and accounts that placed one, in the last 30 days."],
  ["Listings and sales per category", "Listings by the category of their current description; orders and sales by the category of the description the buyer paid for."],
  ["Protocol fees", "Fees credited to the protocol by ended orders, and what its recipient has withdrawn, per currency."],
  ["Where it comes from", "The indexer reads the Souk contracts' events and the listings' IPFS documents (checked against their hashes); a test recomputes every figure from the chain's logs alone and compares."],
];

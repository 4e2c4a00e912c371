/** Reputation events: ratings with their review documents and replies, and the per-role stats they move. */
import { ponder } from "ponder:registry";
import { order, rating } from "ponder:schema";

import { ROLES } from "@souk/sdk/contracts";

import { countForAccount, documentDigest, lower, referenceDocument } from "./shared.ts";

ponder.on("Reputation:Rated", async ({ event, context }) => {
  const { orderId, rater, ratee, rateeRole, score, reviewDigest, token, amount } = event.args;
  const role = ROLES[rateeRole];
  if (role === undefined) throw new Error(`Unknown role ${rateeRole} in a rating of order ${orderId}`);
  const digest = documentDigest(reviewDigest);
  const at = event.block.timestamp;
  await context.db.insert(rating).values({
    orderId,
    rater: lower(rater),
    ratee: lower(ratee),
    role,
    score: Number(score),
    reviewDigest: digest,
    token: lower(token),
    amount,
    timestamp: at,
  });
  const points = Number(score);
  await countForAccount(
    context.db,
    ratee,
    at,
    role === "Seller" ? { ratingsAsSeller: 1, scoreSumAsSeller: points } : { ratingsAsBuyer: 1, scoreSumAsBuyer: points },
  );
  await referenceDocument(context.db, digest, "review", event.block.number);
});

ponder.on("Reputation:Replied", async ({ event, context }) => {
  const { orderId, author, replyDigest } = event.args;
  const parties = await context.db.find(order, { id: orderId });
  if (parties === null) throw new Error(`A reply on order ${orderId}, which was never placed`);
  // The author replies to the rating the other party gave them on this order.
  const rater = lower(author) === parties.buyer ? parties.seller : parties.buyer;
  const digest = documentDigest(replyDigest);
  await context.db.update(rating, { orderId, rater }).set({ replyDigest: digest, repliedAt: event.block.timestamp });
  await referenceDocument(context.db, digest, "reply", event.block.number);
});

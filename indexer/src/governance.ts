/** Escrow governance and money leaving the escrow: the protocol's settings as they stand, and a log. */
import { ponder, type Context } from "ponder:registry";
import { protocol, protocolEvent } from "ponder:schema";

import { lower } from "./shared.ts";

type Db = Context["db"];
type Hex = `0x${string}`;

async function setProtocol(db: Db, at: bigint, set: Partial<typeof protocol.$inferInsert>) {
  await db
    .insert(protocol)
    .values({ id: "escrow", paused: false, updatedAt: at, ...set })
    .onConflictDoUpdate({ ...set, updatedAt: at });
}

interface Logged {
  id: string;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
}

async function log(
  db: Db,
  event: Logged,
  kind: string,
  fields: { account?: Hex; token?: Hex; to?: Hex; amount?: bigint; value?: bigint },
) {
  await db.insert(protocolEvent).values({
    id: event.id,
    kind,
    account: fields.account === undefined ? null : lower(fields.account),
    token: fields.token === undefined ? null : lower(fields.token),
    to: fields.to === undefined ? null : lower(fields.to),
    amount: fields.amount ?? null,
    value: fields.value ?? null,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
}

ponder.on("Escrow:Withdrawn", async ({ event, context }) => {
  const { account, token, to, amount } = event.args;
  await log(context.db, event, "Withdrawn", { account, token, to, amount });
});

ponder.on("Escrow:ProtocolFeesClaimed", async ({ event, context }) => {
  const { token, recipient, amount } = event.args;
  await log(context.db, event, "ProtocolFeesClaimed", { token, to: recipient, amount });
});

ponder.on("Escrow:ProtocolFeeUpdated", async ({ event, context }) => {
  await setProtocol(context.db, event.block.timestamp, { protocolFeeBps: Number(event.args.newBps) });
  await log(context.db, event, "ProtocolFeeUpdated", { value: event.args.newBps });
});

ponder.on("Escrow:FeeRecipientUpdated", async ({ event, context }) => {
  await setProtocol(context.db, event.block.timestamp, { feeRecipient: lower(event.args.newRecipient) });
  await log(context.db, event, "FeeRecipientUpdated", { account: event.args.newRecipient });
});

ponder.on("Escrow:PauseGuardianUpdated", async ({ event, context }) => {
  await setProtocol(context.db, event.block.timestamp, { pauseGuardian: lower(event.args.newGuardian) });
  await log(context.db, event, "PauseGuardianUpdated", { account: event.args.newGuardian });
});

ponder.on("Escrow:Paused", async ({ event, context }) => {
  const { account, pausedUntil } = event.args;
  await setProtocol(context.db, event.block.timestamp, { paused: true, pausedUntil });
  await log(context.db, event, "Paused", { account, value: pausedUntil });
});

ponder.on("Escrow:Unpaused", async ({ event, context }) => {
  await setProtocol(context.db, event.block.timestamp, { paused: false, pausedUntil: null });
  await log(context.db, event, "Unpaused", { account: event.args.account });
});

ponder.on("Escrow:OwnershipTransferStarted", async ({ event, context }) => {
  await log(context.db, event, "OwnershipTransferStarted", { account: event.args.newOwner });
});

ponder.on("Escrow:OwnershipTransferred", async ({ event, context }) => {
  await setProtocol(context.db, event.block.timestamp, { owner: lower(event.args.newOwner) });
  await log(context.db, event, "OwnershipTransferred", { account: event.args.newOwner });
});

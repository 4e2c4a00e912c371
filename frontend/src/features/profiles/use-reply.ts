import { orderLabel, reputationAbi } from "@souk/sdk/contracts";
import { replySchema } from "@souk/sdk/schemas";
import { useCallback, useRef } from "react";
import type { Hex } from "viem";

import { useTransactor } from "../../hooks/use-transactor.ts";
import { requireContracts } from "../../lib/deployment.ts";
import { uploadDocument } from "../../lib/upload.ts";
import { publishReply, type ReplyOutcome } from "./reply.ts";

export type PublishReply = (orderId: bigint, text: string, progress?: (stage: "upload" | "transaction") => void) => Promise<ReplyOutcome>;

/** `publish(orderId, text)`: the reply document to IPFS, then `reputation.reply(orderId, digest)` via the transactor. */
export function useReplyPublisher(): PublishReply {
  const transact = useTransactor();
  const uploaded = useRef(new Map<string, Hex>());
  return useCallback<PublishReply>(
    (orderId, text, progress) =>
      publishReply(
        {
          uploaded: uploaded.current,
          progress,
          upload: async (value) => (await uploadDocument(replySchema, { schema: "souk.reply/1", text: value })).digest,
          send: (digest) =>
            transact({
              address: requireContracts().reputation,
              abi: reputationAbi,
              functionName: "reply",
              args: [orderId, digest],
              description: `Reply to the review on order ${orderLabel(orderId)}`,
            }),
        },
        text,
      ),
    [transact],
  );
}

/**
 * Turns whatever a wallet, an RPC node or a contract throws into one plain sentence a buyer or a seller can act on.
 * Custom errors of the Souk contracts (and of the OpenZeppelin pieces and tokens they use) are decoded from the
 * revert data; wallet rejections, missing funds and network failures are recognised by viem's error types.
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";

import { soukErrorsAbi } from "./contracts.ts";
import { decodeWalletError, isRejection, type DecodedError } from "./wallet-errors.ts";
import { escrowConstants } from "./generated/protocol.ts";

export type { DecodedError, ErrorKind } from "./wallet-errors.ts";

const when = (seconds: unknown) =>
  new Date(Number(seconds) * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
const percent = (bps: unknown) => `${Number(bps) / 100}%`;
/** " until <date>", or nothing for a pause that lasts until governance lifts it (type(uint40).max). */
const pausedUntil = (until: unknown) =>
  BigInt(String(until)) >= escrowConstants.PAUSED_INDEFINITELY ? "" : ` until ${when(until)}`;

/** A custom error's argument as the messages use it (addresses, ids, amounts, times). */
type ErrorArg = string | bigint | number | boolean;
type Explain = (args: readonly ErrorArg[]) => string;

const toErrorArg = (value: unknown): ErrorArg =>
  typeof value === "string" || typeof value === "bigint" || typeof value === "number" || typeof value === "boolean" ? value : "?";

/** One sentence per custom error, written for the person who sent the transaction. */
export const ERROR_MESSAGES: Record<string, Explain> = {
  // ListingRegistry
  ListingRegistryUnknownListing: ([id]) => `Listing ${id} does not exist.`,
  ListingRegistryPaused: ([until]) => `New listings are paused${pausedUntil(until)}. Existing listings and orders keep working.`,
  ListingRegistryInvalidToken: () => "That payment token address has no contract: choose an ERC-20 token or ETH.",
  ListingRegistryStockUnderflow: ([, , stock]) =>
    `Only ${stock} left: purchases came in meanwhile, so that many units cannot be taken off sale. Refresh and try again.`,
  ListingRegistryNotSeller: () => "Only the seller of this listing can change it.",
  ListingRegistryNotEscrow: () => "Only the escrow contract can change a listing's stock.",
  ListingRegistryInvalidPrice: () => "The price must be more than zero and below 2^96 units.",
  ListingRegistryInvalidStock: ([stock]) =>
    `${stock} is not a valid stock: a new listing needs at least 1 unit, and at most 4,294,967,295.`,
  ListingRegistryInvalidArbiter: () => "Choose an arbiter other than yourself (and not the zero address).",
  ListingRegistryArbiterFeeTooHigh: ([fee, max]) => `The arbiter fee of ${percent(fee)} is above the ${percent(max)} limit.`,
  ListingRegistryInvalidWindow: () => "Time windows must be between 1 hour and 90 days.",
  ListingRegistryEmptyMetadata: () => "The listing has no description document.",
  ListingRegistryNothingToUpdate: () => "Nothing changed: the price, stock and description are the same as before.",
  ListingRegistryListingClosed: () => "This listing is closed: the seller is not selling it right now.",
  ListingRegistryListingOpen: () => "This listing is already open.",
  ListingRegistryVersionMismatch: () =>
    "The seller changed this listing (its price or description) after you loaded it. Review the new terms and try again.",
  ListingRegistryInsufficientStock: ([, requested, available]) =>
    `Only ${available} left: you asked for ${requested}.`,
  ListingRegistryTooManyOrders: () => "This listing cannot take more orders.",
  // Escrow
  EscrowUnknownOrder: ([id]) => `Order ${id} does not exist.`,
  EscrowResponseWindowOpen: ([, deadline]) =>
    `The seller has until ${when(deadline)} to answer the dispute: you can rule once they submit evidence or that time passes.`,
  EscrowPaused: ([until]) => `New purchases are paused${pausedUntil(until)}. Existing orders keep working.`,
  EscrowNotPaused: () => "The marketplace is not paused.",
  EscrowAlreadyPaused: () => "The marketplace is already paused.",
  EscrowNotPauser: () => "Only governance or the pause guardian can pause the marketplace.",
  EscrowRenounceDisabled: () => "Governance of the marketplace cannot be renounced; it can be handed over.",
  EscrowInvalidState: () => "This order has moved on: that step is no longer possible. Refresh to see where it is.",
  EscrowNotBuyer: () => "Only the buyer of this order can do that.",
  EscrowNotSeller: () => "Only the seller of this order can do that.",
  EscrowNotParty: () => "Only the buyer or the seller of this order can do that.",
  EscrowNotArbiter: () => "Only this order's arbiter can rule on it.",
  EscrowNotParticipant: () => "Only the buyer, the seller or the arbiter can add evidence.",
  EscrowDeadlinePassed: ([, deadline]) => `Too late: this had to happen before ${when(deadline)}.`,
  EscrowDeadlineNotReached: ([, deadline]) => `Not yet: this becomes possible on ${when(deadline)}.`,
  EscrowInvalidQuantity: ([quantity, max]) =>
    Number(quantity) === 0 ? "Choose at least one unit." : `One order can buy at most ${max} units.`,
  EscrowSellerCannotBuy: () => "You cannot buy your own listing.",
  EscrowArbiterCannotBuy: () => "The arbiter of a listing cannot buy from it.",
  EscrowAmountTooLarge: () => "The total is too large for one order: buy fewer units.",
  EscrowWrongPayment: () => "The amount sent does not match the total. Refresh the listing and try again.",
  EscrowTokenAmountMismatch: () =>
    "This token charges a fee on transfers, which the escrow cannot accept. Pay with another token.",
  EscrowInvalidShare: () => "A share must be between 0% and 100%.",
  EscrowNoProposal: () => "There is no proposal to accept.",
  EscrowOwnProposal: () => "You made this proposal: the other party has to accept it.",
  EscrowProposalMismatch: ([, proposed]) =>
    `The proposal changed to ${percent(proposed)} for the buyer. Review it and accept again if you agree.`,
  EscrowEmptyEvidence: () => "Add a description of the problem.",
  EscrowNothingToWithdraw: () => "You have nothing to withdraw in this currency.",
  EscrowInvalidRecipient: () =>
    "Choose another recipient: not the zero address, and not the escrow or registry contracts (money sent there is lost).",
  EscrowEthTransferFailed: () => "The recipient address refused the ETH. Withdraw to another address.",
  EscrowNoProtocolFees: () => "No protocol fees to claim in this currency.",
  EscrowProtocolFeeTooHigh: ([fee, max]) => `A protocol fee of ${percent(fee)} is above the ${percent(max)} cap.`,
  // Reputation
  ReputationInvalidScore: () => "Choose a rating from 1 to 5 stars.",
  ReputationNotParty: () => "Only the buyer or the seller of this order can rate it.",
  ReputationNotRateable: () => "This order cannot be rated (yet): ratings open when an order ends.",
  ReputationAlreadyRated: () => "You already rated this order.",
  ReputationNothingToReplyTo: () => "There is no review of you on this order to reply to.",
  ReputationAlreadyReplied: () => "You already replied to this review.",
  ReputationEmptyReply: () => "Write a reply first.",
  // OpenZeppelin and tokens
  OwnableUnauthorizedAccount: () => "Only the marketplace's governance can do that.",
  OwnableInvalidOwner: () => "That is not a valid owner.",
  ReentrancyGuardReentrantCall: () => "The call tried to re-enter the escrow and was refused.",
  SafeERC20FailedOperation: () => "The token refused the transfer.",
  ERC20InsufficientBalance: () => "Your token balance is too low for this purchase.",
  ERC20InsufficientAllowance: () => "The escrow is not allowed to take this amount of your tokens yet: approve it first.",
  ERC2612ExpiredSignature: () => "The permit signature expired. Sign again.",
  ERC2612InvalidSigner: () => "The permit was signed by another account.",
  DemoTokenFaucetLimit: () => "The faucet gives at most 1,000,000 tokens at a time.",
  DemoGoldFaucetLimit: () => "The faucet gives at most 1,000,000 tokens at a time.",
};

/** Decodes any thrown value into a kind and a sentence, custom errors of the contracts included. Never throws. */
export function decodeError(error: unknown): DecodedError {
  if (error instanceof BaseError && !isRejection(error)) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      if (name !== undefined) return fromCustomError(name, reverted.data?.args ?? []);
      const decoded = decodeRevertData(reverted.raw);
      if (decoded !== undefined) return decoded;
      if (reverted.reason !== undefined) return { kind: "contract", message: `The transaction failed: ${reverted.reason}.` };
    }
    const data = findRevertData(error);
    if (data !== undefined) {
      const decoded = decodeRevertData(data);
      if (decoded !== undefined) return decoded;
    }
  }
  return decodeWalletError(error);
}

/** Decodes raw revert data (`0x` + selector + arguments) of any Souk, OpenZeppelin or demo-token error. */
export function decodeRevertData(data: Hex | undefined): DecodedError | undefined {
  if (data === undefined || data.length < 10) return undefined;
  try {
    const { errorName, args } = decodeErrorResult({ abi: soukErrorsAbi, data });
    return fromCustomError(errorName, args ?? []);
  } catch {
    return undefined;
  }
}

function fromCustomError(name: string, args: readonly unknown[]): DecodedError {
  const explain = ERROR_MESSAGES[name];
  return { kind: "contract", name, args, message: explain === undefined ? `The transaction failed (${name}).` : explain(args.map(toErrorArg)) };
}

function findRevertData(error: BaseError): Hex | undefined {
  let found: Hex | undefined;
  error.walk((e) => {
    const data = (e as { data?: unknown }).data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) found = data as Hex;
    else if (typeof data === "object" && data !== null && typeof (data as { data?: unknown }).data === "string") {
      found = (data as { data: Hex }).data;
    }
    return false;
  });
  return found;
}


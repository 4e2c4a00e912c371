/**
 * What saving an edit does on chain. A new price or new metadata gives the listing a new version (buyers who
 * loaded the old one must look again: a purchase against the old version fails without taking their money); a
 * stock change alone keeps the version, so restocking never interrupts a buyer.
 */
export interface UpdatePlan {
  priceChanged: boolean;
  stockChanged: boolean;
  metadataChanged: boolean;
  bumpsVersion: boolean;
  nothing: boolean;
}

export function planUpdate(input: {
  currentPrice: bigint;
  currentStock: bigint;
  /** The new price, or undefined when the box is untouched or invalid. */
  price: bigint | undefined;
  /** The new stock, or undefined when the box is untouched or invalid. */
  stock: bigint | undefined;
  metadataChanged: boolean;
}): UpdatePlan {
  const priceChanged = input.price !== undefined && input.price !== input.currentPrice;
  const stockChanged = input.stock !== undefined && input.stock !== input.currentStock;
  const bumpsVersion = priceChanged || input.metadataChanged;
  return {
    priceChanged,
    stockChanged,
    metadataChanged: input.metadataChanged,
    bumpsVersion,
    nothing: !bumpsVersion && !stockChanged,
  };
}

/** The plan in a sentence for the seller, before they save. */
export function explainPlan(plan: UpdatePlan, version: bigint): string {
  if (plan.nothing) return "Change the price, the quantity or the description, then save.";
  if (plan.bumpsVersion) {
    const what = [plan.priceChanged && "price", plan.metadataChanged && "description"].filter(Boolean).join(" and ");
    return (
      `A new ${what} makes this listing version ${version + 1n}. Buyers who opened version ${version} will be asked to ` +
      "review the change: a purchase they send against the old version fails safely, without taking their money." +
      (plan.stockChanged ? " The new quantity is saved in the same transaction." : "")
    );
  }
  return `Only the quantity changes, so the listing stays at version ${version}: buyers in the middle of a purchase are not interrupted.`;
}

import { DELIVERY_METHODS } from "@souk/sdk/schemas";
import { useId } from "react";

import { Field } from "../../components/field.tsx";
import type { DescriptionProps } from "./details-section.tsx";
import { DELIVERY_LABELS, type DeliveryMethod } from "./draft.ts";
import { Section } from "./section.tsx";

const REGION_LABEL: Record<DeliveryMethod | "", string> = {
  shipping: "Ships to",
  pickup: "Pick-up area",
  digital: "Available in",
  service: "Service area",
  "": "Regions",
};

/** How the buyer gets the item: method (radio cards), where, and notes. */
export function DeliverySection({ draft, change, errorOf }: DescriptionProps) {
  const legendId = useId();
  return (
    <Section title="Delivery" description="How the buyer receives what they pay for. You confirm delivery in the order, within your fulfilment window.">
      <fieldset className="flex flex-col gap-2" aria-labelledby={legendId}>
        <legend id={legendId} className="mb-1 text-sm font-medium">
          Method
        </legend>
        <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
          {DELIVERY_METHODS.map((method) => (
            <label
              key={method}
              className="flex cursor-pointer items-start gap-3 rounded-[var(--radius-control)] border border-border p-3 has-checked:border-brand has-checked:bg-brand-soft has-focus-visible:outline-3 has-focus-visible:outline-focus"
            >
              <input
                type="radio"
                name="delivery-method"
                value={method}
                className="mt-1 accent-brand"
                checked={draft.deliveryMethod === method}
                onChange={() => change({ deliveryMethod: method })}
              />
              <span className="flex flex-col">
                <span className="font-medium">{DELIVERY_LABELS[method].label}</span>
                <span className="text-xs text-muted">{DELIVERY_LABELS[method].help}</span>
              </span>
            </label>
          ))}
        </div>
        {draft.deliveryMethod === "" && <p className="text-sm text-muted">No delivery method is given in the current description.</p>}
      </fieldset>
      <Field label={REGION_LABEL[draft.deliveryMethod]} help="Optional. For example “EU and UK” or “Lisbon, within 10 km”." error={errorOf("deliveryRegions")}>
        {(props) => (
          <input
            {...props}
            className="input"
            value={draft.deliveryRegions}
            maxLength={240}
            data-field="deliveryRegions"
            onChange={(event) => change({ deliveryRegions: event.target.value })}
          />
        )}
      </Field>
      <Field label="Delivery notes" help="Optional. Packaging, carrier, when you ship, how a pick-up works." error={errorOf("deliveryNotes")}>
        {(props) => (
          <textarea
            {...props}
            className="input min-h-24 resize-y"
            value={draft.deliveryNotes}
            maxLength={1_200}
            data-field="deliveryNotes"
            onChange={(event) => change({ deliveryNotes: event.target.value })}
          />
        )}
      </Field>
    </Section>
  );
}

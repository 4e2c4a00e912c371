import { shippingAddressSchema, type ShippingAddress } from "@souk/sdk/messaging";
import { useState } from "react";

import { Button } from "../button.tsx";
import { Field } from "../field.tsx";

const FIELDS: Array<{ name: keyof ShippingAddress; label: string; optional?: boolean; autoComplete: string }> = [
  { name: "name", label: "Full name", autoComplete: "shipping name" },
  { name: "line1", label: "Address", autoComplete: "shipping address-line1" },
  { name: "line2", label: "Address line 2", optional: true, autoComplete: "shipping address-line2" },
  { name: "postalCode", label: "Postal code", autoComplete: "shipping postal-code" },
  { name: "city", label: "City", autoComplete: "shipping address-level2" },
  { name: "region", label: "Region or state", optional: true, autoComplete: "shipping address-level1" },
  { name: "country", label: "Country", autoComplete: "shipping country-name" },
  { name: "phone", label: "Phone for the carrier", optional: true, autoComplete: "shipping tel" },
];

/** A delivery address form, checked with the same schema the seller's client checks it with. */
export function AddressForm({
  initial,
  submitLabel,
  onSubmit,
  busy,
}: {
  initial: ShippingAddress | undefined;
  submitLabel: string;
  onSubmit: (address: ShippingAddress) => void | Promise<void>;
  busy?: boolean;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...(initial as Record<string, string> | undefined) }));
  const [errors, setErrors] = useState<Partial<Record<keyof ShippingAddress, string>>>({});
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      data-testid="address-form"
      onSubmit={(e) => {
        e.preventDefault();
        const cleaned = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
        const result = shippingAddressSchema.safeParse(cleaned);
        if (!result.success) {
          setErrors(Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message])));
          return;
        }
        setErrors({});
        void onSubmit(result.data);
      }}
      noValidate
    >
      {FIELDS.map((field) => (
        <Field key={field.name} label={field.optional === true ? `${field.label} (optional)` : field.label} error={errors[field.name]}>
          {(props) => (
            <input
              {...props}
              className="input"
              autoComplete={field.autoComplete}
              value={values[field.name] ?? ""}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <div className="sm:col-span-2">
        <Button type="submit" size="sm" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

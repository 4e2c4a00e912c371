import { escrowAbi } from "@souk/sdk/contracts";
import { shortAddress } from "@souk/sdk/format";
import { useState, type FormEvent } from "react";
import type { Address } from "viem";

import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { useTransactor } from "../../hooks/use-transactor.ts";
import { requireContracts } from "../../lib/deployment.ts";
import { checkRecipient } from "./recipient.ts";
import type { Credit } from "../../hooks/use-credits.ts";

/** withdrawTo: sends a credit to an address other than the connected wallet, after checking the address. */
export function WithdrawToForm({ credit, account, amountText, onDone }: { credit: Credit; account: Address; amountText: string; onDone: () => void }) {
  const transact = useTransactor();
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const escrow = requireContracts().escrow;
  const check = checkRecipient(text, { self: account, escrow, token: credit.token });
  const error = touched && !check.ok ? check.error : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!check.ok) return;
    setBusy(true);
    const result = await transact({
      address: escrow,
      abi: escrowAbi,
      functionName: "withdrawTo",
      args: [credit.token, check.address],
      description: `Withdraw ${amountText} to ${shortAddress(check.address)}`,
    });
    setBusy(false);
    if (result.ok) {
      setText("");
      setTouched(false);
      onDone();
    }
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-[var(--radius-control)] bg-surface-muted p-4">
      <Field
        label="Recipient address"
        error={error}
        help={
          check.ok && check.note !== undefined
            ? check.note
            : `Sends all ${amountText} to this address instead of your connected wallet. Transfers cannot be undone: check every character.`
        }
      >
        {(props) => (
          <input
            {...props}
            className="input font-mono text-sm"
            value={text}
            placeholder="0x…"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
            onBlur={() => setTouched(text !== "")}
          />
        )}
      </Field>
      <div>
        <Button type="submit" busy={busy}>
          {check.ok ? `Withdraw to ${shortAddress(check.address)}` : "Withdraw to this address"}
        </Button>
      </div>
    </form>
  );
}

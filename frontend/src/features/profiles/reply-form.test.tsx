import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { ReplyForm } from "./reply-form.tsx";
import type { ReplyOutcome } from "./reply.ts";

function Harness({ onPublish, blockedReason }: { onPublish: (text: string, progress: (s: "upload" | "transaction") => void) => Promise<ReplyOutcome>; blockedReason?: string }) {
  const [draft, setDraft] = useState("");
  return <ReplyForm draft={draft} onDraftChange={setDraft} onPublish={onPublish} onCancel={() => {}} blockedReason={blockedReason} />;
}

const textbox = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Your public reply" });
const publish = () => screen.getByRole("button", { name: /Publish reply|Publishing/ });

describe("ReplyForm", () => {
  it("is labelled, explains the one-reply rule and focuses the text", () => {
    render(<Harness onPublish={vi.fn()} />);
    expect(document.activeElement).toBe(textbox());
    expect(textbox().getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText(/Each review can be answered once/)).toBeTruthy();
  });

  it("says what is missing instead of publishing an empty reply", async () => {
    const onPublish = vi.fn();
    render(<Harness onPublish={onPublish} />);
    await act(async () => fireEvent.click(publish()));
    expect(screen.getByText("Write your reply first.")).toBeTruthy();
    expect(textbox().getAttribute("aria-invalid")).toBe("true");
    expect(onPublish).not.toHaveBeenCalled();
  });

  it("keeps the text and stays calm when the wallet prompt is cancelled", async () => {
    const onPublish = vi.fn(async (): Promise<ReplyOutcome> => ({
      ok: false,
      stage: "transaction",
      kind: "rejected",
      message: "You cancelled in your wallet. Your reply is still here: publish it whenever you are ready.",
    }));
    render(<Harness onPublish={onPublish} />);
    fireEvent.change(textbox(), { target: { value: "Thank you!" } });
    await act(async () => fireEvent.click(publish()));
    expect(onPublish).toHaveBeenCalledWith("Thank you!", expect.any(Function));
    expect(textbox().value).toBe("Thank you!");
    expect(screen.getByText(/You cancelled in your wallet/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect((publish() as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows a failure as an alert and keeps the text", async () => {
    const onPublish = vi.fn(async (): Promise<ReplyOutcome> => ({
      ok: false,
      stage: "upload",
      kind: "error",
      message: "Your reply could not be saved to IPFS.",
    }));
    render(<Harness onPublish={onPublish} />);
    fireEvent.change(textbox(), { target: { value: "Thanks again" } });
    await act(async () => fireEvent.click(publish()));
    expect(screen.getByRole("alert").textContent).toMatch(/could not be saved to IPFS.*Your text is kept/);
    expect(textbox().value).toBe("Thanks again");
  });

  it("tells what is happening while it works", async () => {
    let finish: (outcome: ReplyOutcome) => void = () => {};
    const onPublish = vi.fn(
      (_: string, progress: (s: "upload" | "transaction") => void) =>
        new Promise<ReplyOutcome>((resolve) => {
          progress("transaction");
          finish = resolve;
        }),
    );
    render(<Harness onPublish={onPublish} />);
    fireEvent.change(textbox(), { target: { value: "On its way" } });
    await act(async () => fireEvent.click(publish()));
    expect(screen.getByText(/Confirm the reply in your wallet/)).toBeTruthy();
    expect(publish().getAttribute("aria-busy")).toBe("true");
    await act(async () => finish({ ok: true }));
    expect(publish().getAttribute("aria-busy")).toBeNull();
  });

  it("cannot publish while blocked, and says why", () => {
    render(<Harness onPublish={vi.fn()} blockedReason="Switch your wallet to Souk local chain to publish a reply." />);
    expect((publish() as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Switch your wallet/)).toBeTruthy();
  });
});

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import type { DocumentState } from "../hooks/use-document.ts";
import { DocumentStatus } from "./document-views.tsx";

const CID = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

function renderState(state: DocumentState<{ text: string }>, client = new QueryClient()) {
  const wrap = (node: ReactNode) => <QueryClientProvider client={client}>{node}</QueryClientProvider>;
  return render(
    wrap(
      <DocumentStatus state={state} what="written review" emptyText="Rating without a written review.">
        {(value) => <p data-testid="text">{value.text}</p>}
      </DocumentStatus>,
    ),
  );
}

describe("DocumentStatus", () => {
  it("renders a verified document as text, markup included", () => {
    const { container } = renderState({ status: "ready", cid: CID, value: { text: "<img src=x onerror=alert(1)>Great" } });
    expect(screen.getByTestId("text").textContent).toBe("<img src=x onerror=alert(1)>Great");
    expect(container.querySelector("img")).toBeNull();
  });

  it("says a zero digest is a rating without a written review", () => {
    renderState({ status: "empty" });
    expect(screen.getByText("Rating without a written review.")).toBeTruthy();
  });

  it("never shows anything of an unverified document", () => {
    renderState({ status: "unverified", cid: CID, error: "This content could not be verified: the gateway returned different bytes." });
    expect(screen.getByText(/could not be verified/)).toBeTruthy();
    expect(screen.queryByTestId("text")).toBeNull();
  });

  it("says a document that is too large is too large, without the tampering warning", () => {
    renderState({ status: "too-large", cid: CID, error: "This content is larger than the 64 KB allowed here, so it was not downloaded." });
    expect(screen.getByText("This written review is too large to show")).toBeTruthy();
    expect(screen.queryByText(/could not be verified/)).toBeNull();
    expect(screen.queryByTestId("text")).toBeNull();
  });

  it("hides an invalid document and gives the reason on request", () => {
    renderState({ status: "invalid", cid: CID, error: "schema: must be \"souk.review/1\"" });
    expect(screen.getByText(/not in a readable format/)).toBeTruthy();
    expect(screen.getByText('schema: must be "souk.review/1"')).toBeTruthy();
    expect(screen.queryByTestId("text")).toBeNull();
  });

  it("offers to try again when the gateway did not answer", () => {
    const client = new QueryClient();
    const refetch = vi.spyOn(client, "refetchQueries").mockResolvedValue();
    renderState({ status: "unreachable", cid: CID, error: "The IPFS gateway could not be reached." }, client);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    const { predicate } = refetch.mock.calls[0]![0] as unknown as { predicate: (query: { queryKey: unknown[] }) => boolean };
    expect(predicate({ queryKey: ["document", "review", CID] })).toBe(true);
    expect(predicate({ queryKey: ["document", "review", "bafyother"] })).toBe(false);
  });

  it("announces loading", () => {
    renderState({ status: "loading" });
    expect(screen.getByRole("status").textContent).toContain("Loading the written review");
  });
});

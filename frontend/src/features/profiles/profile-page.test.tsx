import { render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";

import ProfilePage from "./profile-page.tsx";

function open(path: string) {
  const router = createMemoryRouter([{ path: "/profile/:address", Component: ProfilePage }], { initialEntries: [path] });
  render(<RouterProvider router={router} />);
}

describe("ProfilePage with an invalid address", () => {
  it("explains the problem, shows what was given as text and links back", async () => {
    open(`/profile/${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    expect(await screen.findByRole("heading", { level: 1, name: "This is not a valid address" })).toBeTruthy();
    expect(screen.getByText(/0x followed by 40 characters/)).toBeTruthy();
    expect(screen.getByText("<img src=x onerror=alert(1)>")).toBeTruthy();
    expect(document.querySelector("main img, img[src='x']")).toBeNull();
    expect(screen.getByRole("link", { name: "Back to the listings" }).getAttribute("href")).toBe("/");
  });

  it("catches a mistyped checksum", async () => {
    open("/profile/0x70997970C51812dc3A010C7d01b50e0d17dc79c8");
    expect(await screen.findByText(/do not match its checksum/)).toBeTruthy();
  });
});

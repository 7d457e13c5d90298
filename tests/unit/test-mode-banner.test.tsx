// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TestModeBanner } from "@/components/billing/test-mode-banner";
import { usingStripeEmulator } from "@/lib/billing/stripe";

vi.mock("@/lib/billing/stripe", () => ({ usingStripeEmulator: vi.fn() }));

afterEach(cleanup);

describe("test mode banner", () => {
  it("tells people on the emulator that no real money moves", () => {
    vi.mocked(usingStripeEmulator).mockReturnValue(true);
    render(<TestModeBanner />);
    expect(screen.getByRole("note").textContent).toBe(
      "Test mode: payments go to the local Stripe emulator. No real money moves.",
    );
  });

  it("shows nothing against real Stripe", () => {
    vi.mocked(usingStripeEmulator).mockReturnValue(false);
    const { container } = render(<TestModeBanner />);
    expect(container.innerHTML).toBe("");
  });
});

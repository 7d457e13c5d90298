// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StatusBadge } from "@/components/board/status-badge";

afterEach(cleanup);

const EXPECTED = [
  ["open", "Open"],
  ["under_review", "Under review"],
  ["planned", "Planned"],
  ["in_progress", "In progress"],
  ["solved", "Solved"],
  ["closed", "Closed"],
] as const;

describe("status badge", () => {
  it.each(EXPECTED)("labels %s as “%s” in text, not colour alone", (status, label) => {
    render(<StatusBadge status={status} />);
    const badge = screen.getByText(label);
    expect(badge.textContent).toBe(label);
    expect(badge.getAttribute("data-status")).toBe(status);
  });

  it("gives each status its own colour", () => {
    const classes = EXPECTED.map(([status]) => {
      const { container } = render(<StatusBadge status={status} />);
      const className = container.querySelector("[data-status]")?.className ?? "";
      cleanup();
      return className;
    });
    expect(new Set(classes).size).toBe(EXPECTED.length);
  });
});

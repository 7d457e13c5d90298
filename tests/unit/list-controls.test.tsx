// @vitest-environment jsdom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: vi.fn() }) }));

import { ListControls, listHref } from "@/components/board/list-controls";

afterEach(cleanup);

const statusOptions = [
  { value: "active", label: "Active" },
  { value: "all", label: "All statuses" },
  { value: "planned", label: "Planned" },
];

function formWith(values: { q: string; sort: string; status: string }) {
  const { container } = render(
    <ListControls action="/b/acme/feedback" statusOptions={statusOptions} {...values} />,
  );
  return container.querySelector("form")!;
}

describe("board list controls", () => {
  it("address the list with only what differs from the defaults, from page one", () => {
    expect(listHref("/b/acme/feedback", formWith({ q: "", sort: "top", status: "active" }))).toBe(
      "/b/acme/feedback",
    );
    cleanup();
    expect(
      listHref(
        "/b/acme/feedback",
        formWith({ q: "  csv export ", sort: "new", status: "planned" }),
      ),
    ).toBe("/b/acme/feedback?q=csv+export&sort=new&status=planned");
  });

  it("need no Apply button once the script runs (each choice applies itself)", () => {
    const form = formWith({ q: "", sort: "top", status: "active" });
    expect(form.querySelector('button[type="submit"]')).toBeNull();
    expect(form.getAttribute("method")).toBe("get");
  });
});

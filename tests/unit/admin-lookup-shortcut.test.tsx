// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LookupBox } from "@/components/admin/lookup-box";

afterEach(cleanup);

describe("the console's / shortcut", () => {
  it("focuses the customer lookup box from anywhere on the page", () => {
    render(
      <>
        <button type="button">Elsewhere</button>
        <LookupBox />
      </>,
    );
    const box = screen.getByRole("searchbox", { name: /customer lookup/i });
    screen.getByRole("button", { name: "Elsewhere" }).focus();
    fireEvent.keyDown(document.activeElement!, { key: "/" });
    expect(document.activeElement).toBe(box);
  });

  it("types a slash instead while the person is writing in a field", () => {
    render(
      <>
        <label htmlFor="note">Note</label>
        <textarea id="note" />
        <LookupBox />
      </>,
    );
    const note = screen.getByLabelText("Note");
    note.focus();
    const notPrevented = fireEvent.keyDown(note, { key: "/" });
    expect(notPrevented).toBe(true);
    expect(document.activeElement).toBe(note);
  });
});

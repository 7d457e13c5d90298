// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useLatestResult } from "@/components/board/use-latest-result";
import type { FormState } from "@/lib/auth/form-state";

afterEach(cleanup);

function Note({ name, state }: { name: string; state: FormState }) {
  const shown = useLatestResult(state);
  return (
    <p data-testid={name}>
      {shown.error ?? ""}
      {shown.success ?? ""}
    </p>
  );
}

function Page({ follow, comment }: { follow: FormState; comment: FormState }) {
  return (
    <>
      <Note name="follow" state={follow} />
      <Note name="comment" state={comment} />
    </>
  );
}

describe("form confirmations", () => {
  it("show only for the form that answered last; errors stay with their form", () => {
    const initial: FormState = {};
    const view = render(<Page follow={initial} comment={initial} />);
    expect(screen.getByTestId("follow").textContent).toBe("");

    const unfollowed = { success: "Unfollowed." };
    view.rerender(<Page follow={unfollowed} comment={initial} />);
    expect(screen.getByTestId("follow").textContent).toBe("Unfollowed.");

    // Commenting follows the problem again: "Unfollowed." is out of date and goes.
    const posted = { success: "Comment posted." };
    act(() => view.rerender(<Page follow={unfollowed} comment={posted} />));
    expect(screen.getByTestId("follow").textContent).toBe("");
    expect(screen.getByTestId("comment").textContent).toBe("Comment posted.");

    // A failed follow keeps its error; the comment's confirmation is now out of date too.
    const failed = { error: "Try again." };
    act(() => view.rerender(<Page follow={failed} comment={posted} />));
    expect(screen.getByTestId("follow").textContent).toBe("Try again.");
    expect(screen.getByTestId("comment").textContent).toBe("");

    // The same form answering again shows its new confirmation.
    const again = { success: "Comment posted." };
    act(() => view.rerender(<Page follow={failed} comment={again} />));
    expect(screen.getByTestId("comment").textContent).toBe("Comment posted.");
    expect(screen.getByTestId("follow").textContent).toBe("Try again.");
  });
});

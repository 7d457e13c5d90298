// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Field } from "@/components/auth/form-parts";

afterEach(cleanup);

describe("form fields", () => {
  it("ties the error message to the input for assistive technology", () => {
    render(
      <Field
        name="email"
        label="Email"
        state={{
          fieldErrors: { email: ["Enter a valid email address."] },
          values: { email: "nope" },
        }}
      />,
    );
    const input = screen.getByLabelText("Email");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe("email-error");
    expect(document.getElementById("email-error")?.textContent).toBe(
      "Enter a valid email address.",
    );
    expect((input as HTMLInputElement).value).toBe("nope");
  });

  it("shows the hint and no error when the field is fine", () => {
    render(<Field name="password" label="Password" hint="At least 10 characters." state={{}} />);
    const input = screen.getByLabelText("Password");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByText("At least 10 characters.").id).toBe(
      input.getAttribute("aria-describedby"),
    );
  });
});

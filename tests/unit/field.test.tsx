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
    const describedBy = input.getAttribute("aria-describedby") ?? "";
    expect(describedBy).toMatch(/-error$/);
    expect(document.getElementById(describedBy)?.textContent).toBe("Enter a valid email address.");
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

  it("gives two fields of the same name their own label, id and error (sign-in's two forms)", () => {
    const state = { fieldErrors: { email: ["Enter your email address."] } };
    render(
      <>
        <form aria-label="Password">
          <Field name="email" label="Email" state={state} />
        </form>
        <form aria-label="Link">
          <Field name="email" label="Email me a sign-in link" state={state} />
        </form>
      </>,
    );
    const email = screen.getByLabelText("Email") as HTMLInputElement;
    const magic = screen.getByLabelText("Email me a sign-in link") as HTMLInputElement;
    expect(email).not.toBe(magic);
    expect(email.labels).toHaveLength(1);
    expect(magic.labels).toHaveLength(1);
    expect(email.id).not.toBe(magic.id);
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const input of [email, magic]) {
      const error = document.getElementById(input.getAttribute("aria-describedby") ?? "");
      expect(error?.textContent).toBe("Enter your email address.");
      expect(input.form?.contains(error)).toBe(true);
    }
  });

  it("keeps an id it is given", () => {
    render(<Field name="email" id="work-email" label="Work email" state={{}} />);
    expect(screen.getByLabelText("Work email").id).toBe("work-email");
  });
});

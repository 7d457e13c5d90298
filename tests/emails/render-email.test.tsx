import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";

import { EmailLayout } from "@/emails/components/layout";
import {
  isNotification,
  previewProps,
  renderEmail,
  requiredProps,
  templateCategory,
  templateNames,
} from "@/lib/email/templates";

describe("template categories", () => {
  it("makes problem updates (status changes, merges) the only notifications; the rest is transactional", () => {
    expect(templateNames.filter(isNotification)).toEqual([
      "problem-status-changed",
      "problem-merged",
    ]);
    for (const name of templateNames.filter((name) => !isNotification(name))) {
      expect(templateCategory(name)).toBe("transactional");
    }
  });
});

describe("renderEmail props", () => {
  describe.each(templateNames)("%s", (name) => {
    it.each(requiredProps(name))(
      "throws a clear error when %s is missing or blank",
      async (key) => {
        const props = { ...previewProps(name) } as Record<string, unknown>;
        const message = `Email template "${name}" is missing prop "${key}"`;

        delete props[key];
        await expect(renderEmail(name, props as never)).rejects.toThrow(message);

        props[key] = "   ";
        await expect(renderEmail(name, props as never)).rejects.toThrow(message);
      },
    );
  });

  it("rejects missing props at compile time and at run time", async () => {
    // @ts-expect-error -- `url` is required
    await expect(renderEmail("verify-email", { name: "Ada" })).rejects.toThrow(
      'Email template "verify-email" is missing prop "url"',
    );
    await expect(
      // @ts-expect-error -- `graceEndsOn` is required
      renderEmail("payment-failed", {
        workspaceName: "Acme Inc",
        amount: "$29.00",
        updatePaymentUrl: "https://problemboard.app/w/acme/settings/billing",
      }),
    ).rejects.toThrow('Email template "payment-failed" is missing prop "graceEndsOn"');
  });

  it("takes the unsubscribe link only from options, never from template props", async () => {
    const { html } = await renderEmail("problem-status-changed", {
      ...previewProps("problem-status-changed"),
      // @ts-expect-error -- the unsubscribe link goes through the options argument
      unsubscribeUrl: "https://problemboard.app/email/unsubscribe?token=from-props",
    });
    expect(html).not.toContain("from-props");
    expect(html).not.toContain("Unsubscribe");
  });

  it("allows an optional prop to be empty and leaves its sentence out", async () => {
    const { text } = await renderEmail("problem-status-changed", {
      ...previewProps("problem-status-changed"),
      note: "",
    });
    expect(text).not.toContain("The team wrote");
    expect(requiredProps("problem-status-changed")).not.toContain("note");
  });

  it("rejects an unknown template name", async () => {
    await expect(renderEmail("nope" as never, {} as never)).rejects.toThrow(
      'Unknown email template "nope"',
    );
  });

  it("rejects a relative unsubscribe URL for a notification", async () => {
    await expect(
      renderEmail("problem-status-changed", previewProps("problem-status-changed"), {
        unsubscribeUrl: "/email/unsubscribe?token=t",
      }),
    ).rejects.toThrow("unsubscribeUrl must be an absolute http(s) URL");
  });

  it("returns a copy of PreviewProps that callers may change", () => {
    const props = previewProps("magic-link");
    props.url = "https://example.com/changed";
    expect(previewProps("magic-link").url).not.toBe("https://example.com/changed");
  });
});

describe("EmailLayout", () => {
  it("adds an unsubscribe link only when unsubscribeUrl is given", async () => {
    const withLink = await render(
      <EmailLayout preview="Preview" unsubscribeUrl="https://problemboard.app/unsub?t=1">
        Body
      </EmailLayout>,
    );
    expect(withLink).toContain('href="https://problemboard.app/unsub?t=1"');
    expect(withLink).toContain("Unsubscribe from these emails");

    const without = await render(<EmailLayout preview="Preview">Body</EmailLayout>);
    expect(without).not.toContain("Unsubscribe");
  });

  it("carries the wordmark, brand colour and postal address", async () => {
    const html = await render(<EmailLayout preview="Preview">Body</EmailLayout>);
    const text = await render(<EmailLayout preview="Preview">Body</EmailLayout>, {
      plainText: true,
    });
    expect(html).toContain("#4f46e5");
    expect(text).toMatch(/^Problemboard\n/);
    expect(text).toContain("Problemboard, Inc. · 548 Market St #49500 · San Francisco, CA 94104");
  });
});

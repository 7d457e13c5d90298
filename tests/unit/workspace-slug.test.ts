import { describe, expect, it } from "vitest";
import { slugify, workspaceSlugSchema } from "@/lib/workspaces/schemas";

describe("workspace addresses", () => {
  it("turns names into readable slugs", () => {
    expect(slugify("Crème Brûlée Co.")).toBe("creme-brulee-co");
    expect(slugify("  --Hello   World--  ")).toBe("hello-world");
    expect(slugify("日本")).toBe("");
  });

  it("accepts only lowercase words joined by single hyphens", () => {
    expect(workspaceSlugSchema.safeParse("acme-inc").success).toBe(true);
    expect(workspaceSlugSchema.safeParse("Acme").data).toBe("acme");
    for (const bad of ["a", "acme--inc", "-acme", "acme_inc", "x".repeat(49)]) {
      expect(workspaceSlugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

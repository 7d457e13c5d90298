import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The rule in eslint.config.mjs that keeps configuration in lib/env.ts: `process.env` is refused in
// app code and allowed in the env modules and tooling. (.mjs paths: no type information needed.)
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function envErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").length;
}

const READS = [
  "export const a = process.env.STRIPE_SECRET_KEY;",
  'export const b = process.env["APP_URL"];',
  "const { env } = process;\nexport const c = env;",
].join("\n");

describe("process.env outside lib/env.ts", () => {
  it("is an error in app code, in every form", async () => {
    for (const file of ["app/page-x.mjs", "components/x.mjs", "lib/billing/x.mjs", "proxy.mjs"]) {
      expect(await envErrors(file, READS), file).toBe(3);
    }
  }, 60_000);

  it("is allowed for NEXT_RUNTIME, in the env modules and in tooling", async () => {
    expect(
      await envErrors("lib/x.mjs", 'export const edge = process.env.NEXT_RUNTIME === "edge";'),
    ).toBe(0);
    for (const file of [
      "lib/cache/next-cache-handler.mjs",
      "scripts/x.mjs",
      "tests/support/x.mjs",
      "e2e/x.mjs",
      "next.config.mjs",
    ]) {
      expect(await envErrors(file, READS), file).toBe(0);
    }
  }, 60_000);
});

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The CLI scripts (npm run jobs, backup, restore, backup:verify) run under plain tsx, outside
// Next.js: every module they load must import there, and email templates must render there (the
// job worker sends mail). Vitest stubs `server-only`, so only a real child process catches a
// module that throws on import outside a React Server Components bundle.
describe("modules the CLI scripts load", () => {
  it("import and render outside Next.js", () => {
    const script = `
      await import("./lib/jobs/worker.ts");
      await import("./lib/backup/config.ts");
      await import("./lib/storage/objects.ts");
      const t = await import("./lib/email/templates.ts");
      const rendered = await t.renderEmail("backup-failed", t.previewProps("backup-failed"));
      if (!rendered.html.includes("<html")) throw new Error("no html");
      console.log("loaded");`;
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: process.cwd(),
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(result.stderr.split("\n").filter((l) => /Error/.test(l))).toEqual([]);
    expect(result.stdout).toContain("loaded");
    expect(result.status).toBe(0);
  });
});

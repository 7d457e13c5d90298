import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { problems } from "@/lib/db/schema";
import { listProblems } from "@/lib/problems/list-problems";
import { createBoardRow, createProblemRow, createTeam } from "../support/factories";

// What a customer types into a board's search box, and the problem that must come first: typos
// (a letter missing, extra, wrong or swapped), prefixes, plural and singular, two words, and words
// only in the body.

const CORPUS = {
  csv: ["CSV export times out", "Exporting more than 5,000 rows hangs, then fails with a timeout."],
  pdf: ["Exported PDF reports cut off wide tables", "Tables wider than the page are truncated."],
  digest: [
    "Weekly digest email arrives a day late",
    "It should come on Monday morning but shows up on Tuesday.",
  ],
  vat: ["Invoices are missing the VAT number", "Our accountant needs the tax number on each one."],
  dark: ["Dark mode hurts my eyes", "Too much contrast between the text and the background."],
  mobile: ["Mobile app logs me out every morning", "I have to sign in again each day on iOS."],
  calendar: [
    "Calendar sync duplicates recurring meetings",
    "Every recurring meeting shows up twice after syncing with Google.",
  ],
  slack: [
    "Slack notifications stopped after reconnecting",
    "We reconnected the integration and nothing arrives any more.",
  ],
} as const;
type Key = keyof typeof CORPUS;

const CASES: [query: string, first: Key | null, why: string][] = [
  ["csv export", "csv", "two words as typed"],
  ["exprot csv", "csv", "two letters swapped, and a second word"],
  ["exprot", "csv", "swapped letters: both export problems, the title with 'export' first"],
  ["expor", "csv", "a prefix"],
  ["digst", "digest", "a letter missing"],
  ["digestt", "digest", "a letter extra"],
  ["weekly digist", "digest", "a wrong letter in the second word"],
  ["invoice", "vat", "singular finds the plural"],
  ["meetings", "calendar", "plural finds the title's plural and the body's singular"],
  ["notifcation", "slack", "a letter missing in a longer word"],
  ["accountant", "vat", "a word only in the body"],
  ["acountant", "vat", "a typo in a word only in the body"],
  ["contrast", "dark", "another body-only word"],
  ["calender sync", "calendar", "a common misspelling"],
  ["slack reconect", "slack", "a typo in the second word"],
  ["logs out", "mobile", "a stop word ignored"],
  ["timeout", "csv", "in the body, and the title's 'times out'"],
  ["google meeting", "calendar", "two words from the body"],
  ["kubernetes helm", null, "nothing like it on the board"],
  ["the", null, "only a stop word"],
  ["x".repeat(200), null, "one very long word"],
];

describe("search quality", () => {
  let boardId: string;
  const title = (key: Key) => CORPUS[key][0];

  beforeAll(async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    boardId = board.id;
    for (const [problemTitle, body] of Object.values(CORPUS)) {
      await createProblemRow(board, team.member.id, { title: problemTitle, body });
    }
    // Held and merged problems lend the search no words.
    await createProblemRow(board, team.member.id, {
      title: "Quarantined zebra",
      body: "Held for review.",
      moderationState: "pending",
    });
  });

  it.each(CASES)("%s → %s (%s)", async (q, first) => {
    const page = await listProblems(null, boardId, { q });
    const titles = page.items.map((item) => item.title);
    if (first === null) expect(titles).toEqual([]);
    else expect(titles[0]).toBe(title(first));
  });

  it("finds both export problems for a misspelt 'export'", async () => {
    const titles = (await listProblems(null, boardId, { q: "exprot" })).items.map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining([title("csv"), title("pdf")]));
  });

  it("learns from what is published: held posts are not searchable, edits take and drop words", async () => {
    expect((await listProblems(null, boardId, { q: "zebra" })).items).toEqual([]);
    expect((await listProblems(null, boardId, { q: "zebar" })).items).toEqual([]);

    const [dark] = await db
      .select()
      .from(problems)
      .where(eq(problems.title, title("dark")));
    await db
      .update(problems)
      .set({ title: "Light theme is too bright", body: "Glare." })
      .where(eq(problems.id, dark!.id));
    const titles = async (q: string) =>
      (await listProblems(null, boardId, { q })).items.map((i) => i.title);
    expect(await titles("brigth")).toEqual(["Light theme is too bright"]);
    expect(await titles("dark")).toEqual([]);
    expect(await titles("drak")).toEqual([]);

    // Approving the held post makes its words searchable, typos included.
    await db
      .update(problems)
      .set({ moderationState: "approved" })
      .where(eq(problems.title, "Quarantined zebra"));
    expect(await titles("zebar")).toEqual(["Quarantined zebra"]);
  });
});

// The new-problem form's server action with images, as a browser without JavaScript posts it: one
// multiple-file input (an empty one sends a nameless empty part) and one description per line.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { problems } from "@/lib/db/schema";
import { listAttachments } from "@/lib/attachments/record-attachments";
import { createBoardRow, createTeam } from "../support/factories";
import { jpegWithGps, solidImage } from "../support/images";
import { Redirect } from "../support/next-stubs";
import { startStorageHarness, type StorageHarness } from "../support/storage";

const signedIn = vi.hoisted(() => ({ user: null as { id: string; email: string } | null }));
vi.mock("@/lib/auth/session", () => ({
  requireSession: () => {
    if (!signedIn.user) throw new Error("test: nobody is signed in");
    return Promise.resolve({ user: { ...signedIn.user, role: null }, session: { id: "ses_test" } });
  },
  principalOf: (session: { user: { id: string; role: string | null } }) => ({
    userId: session.user.id,
    platformRole: session.user.role,
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));

const { postProblemAction } = await import("@/app/b/actions");

let storage: StorageHarness;
beforeAll(async () => {
  storage = await startStorageHarness();
});
afterAll(async () => storage.close());

async function setup() {
  const team = await createTeam();
  const board = await createBoardRow(team.workspace.id);
  signedIn.user = { id: team.member.id, email: team.member.email };
  return { team, board, returnTo: `/b/${team.workspace.slug}/${board.slug}` };
}

function form(fields: Record<string, string>, files: File[], alts?: string) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  for (const file of files) data.append("images", file);
  if (alts !== undefined) data.append("imageAlt", alts);
  return data;
}

describe("posting a problem with images through the form", () => {
  it("stores each image with its line of description and goes to the new problem", async () => {
    const { board, returnTo } = await setup();
    const files = [
      new File([new Uint8Array(await jpegWithGps())], "one.jpg", { type: "image/jpeg" }),
      new File([new Uint8Array(await solidImage("png"))], "two.png", { type: "image/png" }),
    ];
    const data = form(
      { boardId: board.id, returnTo, title: "Chart legend overlaps", body: "See both." },
      files,
      "The chart with the legend on top\r\nThe same chart on a phone",
    );
    const outcome = await postProblemAction({}, data).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Redirect);
    const [problem] = await db.select().from(problems).where(eq(problems.boardId, board.id));
    expect((outcome as Redirect).to).toBe(`${returnTo}/p/${problem!.id}`);
    expect((await listAttachments(problem!.id)).map((a) => a.alt)).toEqual([
      "The chart with the legend on top",
      "The same chart on a phone",
    ]);
  });

  it("posts without images when the file input was left empty", async () => {
    const { board, returnTo } = await setup();
    const empty = new File([], "", { type: "application/octet-stream" });
    const outcome = await postProblemAction(
      {},
      form(
        { boardId: board.id, returnTo, title: "No picture needed", body: "Text only." },
        [empty],
        "",
      ),
    ).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Redirect);
    const [problem] = await db.select().from(problems).where(eq(problems.boardId, board.id));
    expect(await listAttachments(problem!.id)).toEqual([]);
  });

  it("answers a bad image with the message next to the images field and keeps the text", async () => {
    const { board, returnTo } = await setup();
    const state = await postProblemAction(
      {},
      form({ boardId: board.id, returnTo, title: "Broken upload here", body: "Details." }, [
        new File(["not an image"], "../../shot.png", { type: "image/png" }),
      ]),
    );
    expect(state).toMatchObject({
      error: expect.stringContaining("path separators"),
      fieldErrors: { images: [expect.stringContaining("path separators")] },
      values: { title: "Broken upload here", body: "Details." },
    });
    expect(await db.select().from(problems).where(eq(problems.boardId, board.id))).toEqual([]);
  });
});

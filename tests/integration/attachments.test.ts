// Image attachments on problems: re-encoded without metadata, bad uploads refused by name,
// signed URLs only for viewers of the problem, the storage quota at its limit, and files removed
// by a retried job when the problem goes. Runs on the Storage stand-in (tests/support/storage.ts).
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { getAttachmentUrl } from "@/lib/attachments/get-attachment-url";
import { listAttachments } from "@/lib/attachments/record-attachments";
import { storageUsed } from "@/lib/attachments/storage-quota";
import { db } from "@/lib/db";
import { attachments, jobs, problems, storageUsage } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { drainJobs } from "@/lib/jobs/worker";
import { createProblem } from "@/lib/problems/create-problem";
import { deleteProblem } from "@/lib/problems/edit-problem";
import { deleteBoard } from "@/lib/boards/update-board";
import { resetStorageClient } from "@/lib/storage/client";
import { getObject, listObjects } from "@/lib/storage/objects";
import { installClock } from "../support/clock";
import { addMember, createBoardRow, createTeam, createUser, setPlan } from "../support/factories";
import { hasGps, jpegWithGps, pngBomb, solidImage } from "../support/images";
import { pointStorageAt, startStorageHarness, type StorageHarness } from "../support/storage";

const as = (user: { id: string }) => ({ userId: user.id });
const post = { title: "The export button hides", body: "See the screenshot." };

let storage: StorageHarness;
beforeAll(async () => {
  storage = await startStorageHarness();
});
afterAll(async () => storage.close());

async function filesOf(workspaceId: string) {
  return (await listObjects("attachments", workspaceId, { limit: 1000 })).map((o) => o.name).sort();
}

async function problemCount(boardId: string) {
  const [row] = await db.select({ n: count() }).from(problems).where(eq(problems.boardId, boardId));
  return row?.n ?? 0;
}

describe("attaching images to a problem", () => {
  it("stores a re-encoded copy without EXIF GPS, with a thumbnail, counted against the quota", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const original = await jpegWithGps();
    expect(await hasGps(original)).toBe(true);

    const problem = await createProblem(as(customer), board.id, post, [
      { name: "IMG_2031.jpg", bytes: original, alt: "The export button behind the footer" },
      { name: "second.png", bytes: await solidImage("png") },
    ]);

    const [first, second] = await listAttachments(problem.id);
    expect(first).toMatchObject({
      alt: "The export button behind the footer",
      width: 64,
      height: 48,
      contentType: "image/jpeg",
    });
    expect(second!.alt).toBe("Image 2 attached to “The export button hides”");

    const [row] = await db.select().from(attachments).where(eq(attachments.id, first!.id));
    const stored = Buffer.from(
      await (await getObject("attachments", row!.objectPath)).arrayBuffer(),
    );
    expect(await hasGps(stored)).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    const thumb = await sharp(
      Buffer.from(await (await getObject("attachments", row!.thumbPath)).arrayBuffer()),
    ).metadata();
    expect(thumb.format).toBe("webp");

    const rows = await db.select().from(attachments).where(eq(attachments.problemId, problem.id));
    expect(await storageUsed(team.workspace.id)).toBe(rows.reduce((s, r) => s + r.bytes, 0));
    expect(await filesOf(team.workspace.id)).toHaveLength(4);
  });

  it("refuses bad uploads with a message naming the file and the problem, storing nothing", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const customer = await createUser();
    const good = await solidImage("webp");
    const cases: [{ name: string; bytes: Uint8Array }[], string | RegExp, string][] = [
      [
        [{ name: "notes.png", bytes: Buffer.from("just some text, not an image") }],
        /"notes.png" is not a PNG, JPEG, WebP or GIF image/,
        "validation_failed",
      ],
      [
        [{ name: "archive.jpg", bytes: Buffer.from("PK\u0003\u0004" + "x".repeat(100)) }],
        /"archive.jpg" is not a PNG, JPEG, WebP or GIF image/,
        "validation_failed",
      ],
      [
        [{ name: "empty.png", bytes: new Uint8Array(0) }],
        '"empty.png" is empty (0 bytes).',
        "validation_failed",
      ],
      [[{ name: "../../etc/passwd.png", bytes: good }], /path separators/, "validation_failed"],
      [[{ name: "C:\\Users\\me\\shot.png", bytes: good }], /path separators/, "validation_failed"],
      [
        [{ name: "bomb.png", bytes: pngBomb() }],
        /"bomb.png" is 100,000 × 100,000 pixels; images may have at most 40 megapixels/,
        "validation_failed",
      ],
      [
        [{ name: "huge.jpg", bytes: new Uint8Array(10 * 1024 * 1024 + 1) }],
        /"huge.jpg" is 10.0 MB; images may be at most 10 MB/,
        "payload_too_large",
      ],
      [
        Array.from({ length: 6 }, (_, i) => ({ name: `s${i}.webp`, bytes: good })),
        "Attach at most 5 images to one post (you chose 6).",
        "validation_failed",
      ],
      // One bad image among good ones refuses the whole post.
      [
        [
          { name: "ok.webp", bytes: good },
          { name: "broken.png", bytes: pngBomb(10, 10).subarray(0, 40) },
        ],
        /"broken.png"/,
        "validation_failed",
      ],
    ];
    for (const [images, message, code] of cases) {
      const error = await createProblem(as(customer), board.id, post, images).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        code,
        fieldErrors: {
          images: [typeof message === "string" ? message : expect.stringMatching(message)],
        },
      });
    }
    expect(await problemCount(board.id)).toBe(0);
    expect(await filesOf(team.workspace.id)).toEqual([]);
    expect(await storageUsed(team.workspace.id)).toBe(0);
  });
});

describe("who gets a signed URL", () => {
  it("issues one to viewers of the problem only; another workspace, a private board or a guessed id get not found", async () => {
    const a = await createTeam();
    const b = await createTeam();
    const publicBoard = await createBoardRow(a.workspace.id);
    const privateBoard = await createBoardRow(a.workspace.id, { visibility: "private" });
    const open = await createProblem(as(a.member), publicBoard.id, post, [
      { name: "a.jpg", bytes: await jpegWithGps() },
    ]);
    const hidden = await createProblem(as(a.member), privateBoard.id, post, [
      { name: "b.jpg", bytes: await jpegWithGps("#33c") },
    ]);
    const [openImage] = await listAttachments(open.id);
    const [hiddenImage] = await listAttachments(hidden.id);

    // Public board: anyone, signed in or not; the URL serves the cleaned image.
    const url = await getAttachmentUrl(null, openImage!.id);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(await hasGps(new Uint8Array(await response.arrayBuffer()))).toBe(false);
    const thumb = await fetch(await getAttachmentUrl(null, openImage!.id, "thumb"));
    expect(thumb.headers.get("content-type")).toBe("image/webp");

    // Private board: its members only.
    await expect(getAttachmentUrl(as(a.viewer), hiddenImage!.id)).resolves.toContain("token=");
    for (const outsider of [null, as(b.owner), as(await createUser())]) {
      await expect(getAttachmentUrl(outsider, hiddenImage!.id)).rejects.toMatchObject({
        code: "not_found",
        message: "Image not found.",
      });
    }
    // Guessed ids and paths: not found, and the storage path itself answers nothing unsigned.
    for (const guess of ["att_00000000000000000000", hidden.id, "../att_x", ""]) {
      await expect(getAttachmentUrl(as(a.owner), guess)).rejects.toMatchObject({
        code: "not_found",
      });
    }
    const [row] = await db.select().from(attachments).where(eq(attachments.id, hiddenImage!.id));
    const unsigned = await fetch(
      `${env.SUPABASE_URL}/storage/v1/object/attachments/${row!.objectPath}`,
    );
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    // A signed URL for one workspace's file does not open another's with its token.
    const other = url.replace(/attachments\/[^?]+/, `attachments/${row!.objectPath}`);
    expect((await fetch(other)).status).toBeGreaterThanOrEqual(400);

    // A member of B that also joins A's workspace is a member there: the rule is membership.
    await addMember(a.workspace.id, b.owner.id, "viewer");
    await expect(getAttachmentUrl(as(b.owner), hiddenImage!.id)).resolves.toContain("token=");
  });
});

describe("the storage quota", () => {
  it("lets exactly the posts that fit through when several race for the last bytes", async () => {
    const team = await createTeam();
    await setPlan(team.workspace.id, "free");
    const board = await createBoardRow(team.workspace.id);
    const image = await solidImage("png", 400, 300);
    // Measure one post's bytes, then leave room for exactly one more.
    const first = await createProblem(as(team.owner), board.id, post, [
      { name: "x.png", bytes: image },
    ]);
    const one = await storageUsed(team.workspace.id);
    const limit = 100 * 1024 * 1024;
    await db
      .update(storageUsage)
      .set({ bytes: limit - one - Math.floor(one / 2) })
      .where(eq(storageUsage.workspaceId, team.workspace.id));

    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        createProblem(as(team.owner), board.id, { ...post, title: `Race ${i} for the quota` }, [
          { name: `r${i}.png`, bytes: image },
        ]),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    for (const loss of lost) {
      expect(loss.reason).toMatchObject({
        code: "limit_reached",
        message: expect.stringContaining("The Free plan includes 100 MB of attachment storage"),
      });
    }
    expect(await storageUsed(team.workspace.id)).toBeLessThanOrEqual(limit);
    expect(await problemCount(board.id)).toBe(2);
    // The losers' files were removed again: the first post's two and the winner's two remain.
    expect(await filesOf(team.workspace.id)).toHaveLength(4);
    expect(first.id).toBeTruthy();
  });
});

describe("deleting a problem", () => {
  it("gives the bytes back and removes its files through a job that retries while storage is down", async () => {
    const clock = installClock();
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const problem = await createProblem(as(team.member), board.id, post, [
      { name: "a.gif", bytes: await solidImage("gif") },
      { name: "b.jpg", bytes: await jpegWithGps() },
    ]);
    expect(await filesOf(team.workspace.id)).toHaveLength(4);

    // Storage unreachable when the job first runs.
    pointStorageAt("http://127.0.0.1:9", storage.standIn.serviceKey);
    await deleteProblem(as(team.admin), problem.id);
    expect(await storageUsed(team.workspace.id)).toBe(0);
    expect(
      await db.select().from(attachments).where(eq(attachments.problemId, problem.id)),
    ).toEqual([]);
    await drainJobs();
    const [job] = await db.select().from(jobs).where(eq(jobs.name, "storage.delete-objects"));
    expect(job).toMatchObject({ attempts: 1 });
    expect(job!.status).not.toBe("completed");

    // Storage back; the retry removes the files.
    pointStorageAt(storage.standIn.url, storage.standIn.serviceKey);
    resetStorageClient();
    clock.advance(60 * 60_000);
    await drainJobs();
    expect(await filesOf(team.workspace.id)).toEqual([]);
  });
});

describe("deleting a board", () => {
  it("gives back the bytes of every image posted on it and removes their files", async () => {
    const team = await createTeam();
    const board = await createBoardRow(team.workspace.id);
    const keep = await createBoardRow(team.workspace.id);
    for (const target of [board, board, keep]) {
      await createProblem(as(team.member), target.id, post, [
        { name: "a.png", bytes: await solidImage("png") },
      ]);
    }
    const before = await db
      .select()
      .from(attachments)
      .where(eq(attachments.workspaceId, team.workspace.id));
    expect(before).toHaveLength(3);

    await deleteBoard(as(team.owner), team.workspace.id, board.id);
    const left = await db
      .select()
      .from(attachments)
      .where(eq(attachments.workspaceId, team.workspace.id));
    expect(left).toHaveLength(1);
    expect(await storageUsed(team.workspace.id)).toBe(left[0]!.bytes);
    await drainJobs();
    expect(await filesOf(team.workspace.id)).toEqual(
      [left[0]!.objectPath, left[0]!.thumbPath].map((p) => p.split("/")[1]).sort(),
    );
  });
});

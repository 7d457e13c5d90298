// NUL and other control characters at every entry point: a clear 4xx (or 404 for an address),
// never a 500, and nothing written. Also: a failed statement's error carries no values.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/public/boards/[workspace]/[board]/problems/route";
import { PUT as voteRoute } from "@/app/api/problems/[problemId]/vote/route";
import { GET as billingRoute } from "@/app/api/workspaces/[workspaceId]/billing/route";
import { getBoardForViewer } from "@/lib/boards/get-board-for-viewer";
import { createBoard } from "@/lib/boards/create-board";
import { findBoard } from "@/lib/boards/find-board";
import { updateBoard } from "@/lib/boards/update-board";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment, updateComment } from "@/lib/comments/manage-comment";
import { submitSalesInquiry } from "@/lib/billing/sales";
import { db } from "@/lib/db";
import { scrubQueryErrors } from "@/lib/db/client";
import {
  boards,
  comments,
  emailOutbox,
  flags,
  invitations,
  members,
  moderationActions,
  moderationSettings,
  problems,
  salesInquiries,
  statusChanges,
  users,
  votes,
  workspaceBans,
  workspaces,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { banAuthor, listBans, unbanAuthor } from "@/lib/moderation/bans";
import { flagContent } from "@/lib/moderation/flag-content";
import { moderateContent } from "@/lib/moderation/moderate-content";
import { updateModerationSettings } from "@/lib/moderation/moderation-queue";
import { changeStatus } from "@/lib/problems/change-status";
import { createProblem } from "@/lib/problems/create-problem";
import { updateProblem } from "@/lib/problems/edit-problem";
import { getProblemDetail } from "@/lib/problems/get-problem-detail";
import { listProblems } from "@/lib/problems/list-problems";
import { mergeProblems } from "@/lib/problems/merge-problems";
import { listProblemsSchema } from "@/lib/problems/schemas";
import { setFollow } from "@/lib/problems/set-follow";
import { setVote } from "@/lib/problems/set-vote";
import { acceptInvitation } from "@/lib/workspaces/accept-invitation";
import { cancelInvitation } from "@/lib/workspaces/cancel-invitation";
import { changeMemberRole } from "@/lib/workspaces/change-member-role";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { getInvitation } from "@/lib/workspaces/get-invitation";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { removeMember } from "@/lib/workspaces/remove-member";
import { switchWorkspace } from "@/lib/workspaces/switch-workspace";
import { authFetch, signIn } from "../support/auth-client";
import {
  createBoardRow,
  createProblemRow,
  createTeam,
  createUser,
  TEST_PASSWORD,
} from "../support/factories";

const as = (user: { id: string }) => ({ userId: user.id });
const origin = new URL(env.APP_URL).origin;
const NUL = "\u0000";

/** Row counts of every table these entry points write. */
async function snapshot() {
  const tables = [
    boards,
    comments,
    emailOutbox,
    flags,
    invitations,
    members,
    moderationActions,
    moderationSettings,
    problems,
    salesInquiries,
    statusChanges,
    users,
    votes,
    workspaceBans,
    workspaces,
  ];
  const counts = await Promise.all(
    tables.map(async (table) => (await db.select({ n: count() }).from(table))[0]?.n),
  );
  const texts = await db
    .select({ title: problems.title, body: problems.body, status: problems.status })
    .from(problems)
    .orderBy(problems.id);
  const boardTexts = await db.select({ name: boards.name }).from(boards).orderBy(boards.id);
  return JSON.stringify({ counts, texts, boardTexts });
}

async function setup() {
  const team = await createTeam();
  const board = await createBoardRow(team.workspace.id);
  const customer = await createUser();
  const problem = await createProblemRow(board, customer.id);
  const other = await createProblemRow(board, team.owner.id);
  const comment = await createComment(as(customer), problem.id, { body: "Same here." });
  return { team, board, customer, problem, other, comment };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** What the entry point answered: a status, as the route or the form would show it. */
async function statusOf(attempt: () => Promise<unknown>): Promise<number> {
  try {
    await attempt();
    return 200;
  } catch (error) {
    if (isAppError(error)) return error.status;
    throw error; // a 500: the test fails with the real error
  }
}

/** Each entry point, through the domain function its server action calls, with bad text. */
const DOMAIN_CASES: [string, number, string | null, (s: Setup) => Promise<unknown>][] = [
  // [what, status, field named, attempt]
  [
    "problem title",
    422,
    "title",
    (s) => createProblem(as(s.customer), s.board.id, { title: `Crash${NUL} on save`, body: "x" }),
  ],
  [
    "problem body",
    422,
    "body",
    (s) => createProblem(as(s.customer), s.board.id, { title: "Crash on save", body: `a${NUL}b` }),
  ],
  [
    "problem title, terminal escape",
    422,
    "title",
    (s) => createProblem(as(s.customer), s.board.id, { title: "\u001b[31mRed alert", body: "x" }),
  ],
  [
    "edited title",
    422,
    "title",
    (s) => updateProblem(as(s.team.member), s.problem.id, { title: `Edited${NUL}title` }),
  ],
  [
    "status note",
    422,
    "note",
    (s) => changeStatus(as(s.team.member), s.problem.id, { status: "planned", note: `a${NUL}` }),
  ],
  [
    "comment",
    422,
    "body",
    (s) => createComment(as(s.customer), s.problem.id, { body: `Me too${NUL}` }),
  ],
  [
    "comment bell character",
    422,
    "body",
    (s) => createComment(as(s.customer), s.problem.id, { body: "Ding\u0007" }),
  ],
  [
    "reply to a forged parent",
    422,
    "parentId",
    (s) => createComment(as(s.customer), s.problem.id, { body: "Reply", parentId: `cmt_${NUL}` }),
  ],
  [
    "edited comment",
    422,
    "body",
    (s) => updateComment(as(s.customer), s.comment.id, { body: `x${NUL}` }),
  ],
  [
    "report reason",
    422,
    "reason",
    (s) =>
      flagContent(as(s.team.owner), {
        targetType: "comment",
        targetId: s.comment.id,
        reason: `Spam${NUL}spam`,
      }),
  ],
  [
    "report of a forged id",
    422,
    "targetId",
    (s) =>
      flagContent(as(s.customer), {
        targetType: "problem",
        targetId: `prb_${NUL}`,
        reason: "Spam",
      }),
  ],
  [
    "moderation note",
    422,
    "note",
    (s) =>
      moderateContent(as(s.team.admin), s.team.workspace.id, {
        targetType: "problem",
        targetId: s.problem.id,
        decision: "reject",
        note: `no${NUL}`,
      }),
  ],
  [
    "ban reason",
    422,
    "reason",
    (s) => banAuthor(as(s.team.admin), s.team.workspace.id, s.customer.id, `troll${NUL}`),
  ],
  [
    "ban of a forged id",
    422,
    "userId",
    (s) => banAuthor(as(s.team.admin), s.team.workspace.id, `usr_${NUL}`),
  ],
  [
    "blocked words",
    422,
    "blockedWords.0",
    (s) =>
      updateModerationSettings(as(s.team.admin), s.team.workspace.id, {
        blockedWords: [`bad${NUL}word`],
        maxLinks: 3,
        flagThreshold: 3,
      }),
  ],
  [
    "board name",
    422,
    "name",
    (s) => createBoard(as(s.team.owner), s.team.workspace.id, { name: `Road${NUL}map` }),
  ],
  [
    "board description",
    422,
    "description",
    (s) =>
      createBoard(as(s.team.owner), s.team.workspace.id, {
        name: "Roadmap",
        description: `x${NUL}`,
      }),
  ],
  [
    "board guidelines",
    422,
    "guidelines",
    (s) =>
      updateBoard(as(s.team.owner), s.team.workspace.id, s.board.id, { guidelines: `x${NUL}` }),
  ],
  [
    "board address",
    422,
    "slug",
    (s) =>
      createBoard(as(s.team.owner), s.team.workspace.id, { name: "Roadmap", slug: `road${NUL}` }),
  ],
  [
    "workspace name",
    422,
    "name",
    (s) => createWorkspace(as(s.customer), { name: `Acme${NUL} Inc` }),
  ],
  [
    "invitation email",
    422,
    "email",
    (s) =>
      inviteMember(as(s.team.owner), s.team.workspace.id, {
        email: `new${NUL}@example.com`,
        role: "member",
      }),
  ],
  [
    "role change of a forged id",
    422,
    "userId",
    (s) =>
      changeMemberRole(as(s.team.owner), s.team.workspace.id, {
        userId: `usr_${NUL}`,
        role: "admin",
      }),
  ],
  ["sales name", 422, "name", () => submitSalesInquiry(salesForm({ name: `Ada${NUL}` }))],
  [
    "sales company",
    422,
    "company",
    () => submitSalesInquiry(salesForm({ company: `Initech${NUL}` })),
  ],
  [
    "sales message",
    422,
    "message",
    () => submitSalesInquiry(salesForm({ message: `We need SSO${NUL} for 500 people.` })),
  ],
  ["sales email", 422, "email", () => submitSalesInquiry(salesForm({ email: `a${NUL}@b.co` }))],
  // Ids and addresses from hidden fields and URLs: not found, like any unknown one.
  ["vote on a forged id", 404, null, (s) => setVote(as(s.customer), `prb_${NUL}`, true)],
  ["follow a forged id", 404, null, (s) => setFollow(as(s.customer), `prb_${NUL}`, true)],
  [
    "merge into a forged id",
    404,
    null,
    (s) => mergeProblems(as(s.team.member), s.other.id, `prb_${NUL}`),
  ],
  ["delete a forged comment", 404, null, (s) => deleteComment(as(s.customer), `cmt_${NUL}`)],
  [
    "act in a forged workspace",
    404,
    null,
    (s) => listBans(as(s.team.owner), `ws_${s.team.workspace.id.slice(3)}${NUL}`),
  ],
  [
    "lift a forged ban",
    404,
    null,
    (s) => unbanAuthor(as(s.team.owner), s.team.workspace.id, `usr_${NUL}`),
  ],
  [
    "remove a forged member",
    404,
    null,
    (s) => removeMember(as(s.team.owner), s.team.workspace.id, `usr_${NUL}`),
  ],
  [
    "cancel a forged invitation",
    404,
    null,
    (s) => cancelInvitation(as(s.team.owner), s.team.workspace.id, `inv_${NUL}`),
  ],
  ["accept a forged invitation", 404, null, (s) => acceptInvitation(as(s.customer), `inv_${NUL}`)],
  ["open a forged invitation", 404, null, (s) => getInvitation(as(s.customer), `inv_${NUL}`)],
  [
    "switch to a forged workspace",
    404,
    null,
    (s) => switchWorkspace(as(s.team.owner), "ses_x", `${s.team.workspace.slug}${NUL}`),
  ],
  [
    "open a forged board (settings page)",
    404,
    null,
    (s) => findBoard(s.team.workspace.id, `brd_${NUL}`),
  ],
];

function salesForm(overrides: Record<string, string>) {
  return {
    name: "Ada Lovelace",
    email: "ada@initech.example",
    company: "Initech",
    seats: "50",
    message: "We need SSO for 500 people.",
    ...overrides,
  };
}

describe("control characters through the domain functions server actions call", () => {
  it.each(DOMAIN_CASES)("%s: %i naming %s, nothing written", async (_, status, field, attempt) => {
    const s = await setup();
    const before = await snapshot();
    let error: unknown = null;
    try {
      await attempt(s);
    } catch (caught) {
      error = caught;
    }
    if (!isAppError(error)) throw error ?? new Error("accepted");
    expect(error.status).toBe(status);
    if (field) expect(error.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(await snapshot()).toBe(before);
  });

  it("keeps line breaks and tabs in multiline text, and normalises what a browser sends", async () => {
    const s = await setup();
    const problem = await createProblem(as(s.customer), s.board.id, {
      title: "  Tabs\tin\r\nthe title  ",
      body: "Steps:\r\n\t1. Open\r\n\t2. Save",
    });
    expect(problem.title).toBe("Tabs in the title");
    expect(problem.body).toBe("Steps:\n\t1. Open\n\t2. Save");
    // Composed and decomposed accents are one and the same title.
    const decomposed = await createProblem(as(s.customer), s.board.id, {
      title: "Cafe\u0301 menu crashes",
      body: "x",
    });
    expect(decomposed.title).toBe("Café menu crashes");
  });
});

describe("control characters in URLs and JSON routes", () => {
  const list = (workspace: string, board: string, query = "") =>
    listRoute(new Request(`${origin}/api/public/boards/x/y/problems${query}`), {
      params: Promise.resolve({ workspace, board }),
    });

  it("answers the JSON list's q and cursor with 422, and a NUL in the address with 404", async () => {
    const s = await setup();
    const ws = s.team.workspace.slug;
    const q = await list(ws, s.board.slug, "?q=%00");
    expect(q.status).toBe(422);
    expect(await q.json()).toMatchObject({
      code: "validation_failed",
      errors: { q: [expect.any(String)] },
    });
    expect((await list(ws, s.board.slug, "?q=caf%C3%A9%07")).status).toBe(422);
    expect((await list(ws, s.board.slug, "?cursor=%00")).status).toBe(422);
    // A well-formed cursor whose id holds a NUL.
    const forged = Buffer.from(JSON.stringify({ s: "top:fts", k: [0, `prb_${NUL}`] })).toString(
      "base64url",
    );
    expect((await list(ws, s.board.slug, `?cursor=${forged}`)).status).toBe(422);
    expect((await list(`${ws}${NUL}`, s.board.slug)).status).toBe(404);
    expect((await list(ws, `${s.board.slug}${NUL}`)).status).toBe(404);
    expect((await list(ws, s.board.slug, "?q=save")).status).toBe(200);
  });

  it("drops a bad q on the board page (schema) and refuses it in the domain", async () => {
    const s = await setup();
    expect(listProblemsSchema.safeParse({ q: `crash${NUL}` }).success).toBe(false);
    await expect(listProblems(null, s.board.id, { q: `crash${NUL}` })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { q: [expect.any(String)] },
    });
  });

  it("treats a NUL in a page's path segments as an unknown address", async () => {
    const s = await setup();
    const viewer = as(s.team.owner);
    const ws = s.team.workspace.slug;
    for (const attempt of [
      () => getBoardForViewer(null, `${ws}${NUL}`, s.board.slug),
      () => getBoardForViewer(viewer, ws, `${s.board.slug}%00`),
      () => getProblemDetail(null, `${s.problem.id}${NUL}`),
      () => getProblemDetail(viewer, `prb_${NUL}`),
      () => getWorkspaceBySlug(viewer, `${ws}${NUL}`),
    ]) {
      expect(await statusOf(attempt)).toBe(404);
    }
  });

  it("answers route handlers' forged ids with 404", async () => {
    const s = await setup();
    const { cookie } = await signIn(s.customer.email, TEST_PASSWORD);
    const problemId = `prb_${NUL}`;
    const voted = await voteRoute(
      new Request(`${origin}/api/problems/x/vote`, {
        method: "PUT",
        headers: { "content-type": "application/json", cookie, origin },
        body: JSON.stringify({ voted: true }),
      }),
      { params: Promise.resolve({ problemId }) },
    );
    expect(voted.status).toBe(404);
    const billing = await billingRoute(
      new Request(`${origin}/api/workspaces/x/billing`, { headers: { cookie } }),
      { params: Promise.resolve({ workspaceId: `ws_${NUL}` }) },
    );
    expect(billing.status).toBe(404);
  });
});

describe("control characters through Better Auth", () => {
  it("refuses a NUL in a name, a token or any field with a 400 naming it, and creates nothing", async () => {
    const before = await snapshot();
    const email = `nul-${Date.now()}@example.com`;
    const signUp = await authFetch("/sign-up/email", {
      body: { name: `Ada${NUL}`, email, password: "A-long-enough-passphrase-42" },
    });
    expect(signUp.status).toBe(400);
    expect(signUp.body).toMatchObject({ field: "name" });
    expect(String(signUp.body?.message)).toContain("[body.name]");
    const bell = await authFetch("/sign-up/email", {
      body: { name: "Ada\u0007", email, password: "A-long-enough-passphrase-42" },
    });
    expect(bell.status).toBe(400);
    const reset = await authFetch("/reset-password", {
      body: { token: `abc${NUL}`, newPassword: "A-long-enough-passphrase-42" },
    });
    expect(reset.status).toBe(400);
    expect(reset.body).toMatchObject({ field: "token" });
    expect(await snapshot()).toBe(before);
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it("refuses a NUL or control character in a changed name", async () => {
    const user = await createUser({ name: "Grace" });
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    for (const name of [`Grace${NUL}`, "Grace\u001b[2J"]) {
      const response = await authFetch("/update-user", { body: { name }, cookie });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ field: "name" });
    }
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.name).toBe("Grace");
  });
});

describe("a failed statement's error", () => {
  it("keeps the cause (for code that checks it) but not the values", async () => {
    expect(scrubQueryErrors()).toBe(true); // the hook into Drizzle is in place
    const secret = `my private text ${NUL} with a NUL`;
    const error = await db
      .select()
      .from(users)
      .where(eq(users.name, secret))
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(Error);
    const failed = error as Error & { cause?: { code?: string } };
    expect(failed.message).toContain('from "users"');
    expect(failed.message).not.toContain("private text");
    expect(failed.stack).not.toContain("private text");
    expect(Object.keys(failed)).not.toContain("params");
    expect(failed.cause?.code).toBe("22021");
    expect(JSON.stringify(failed)).not.toContain("private text");
  });
});

describe("profile image", () => {
  it("accepts https URLs and paths on this site, and refuses anything else with a 400 naming image", async () => {
    const user = await createUser({ name: "Linus" });
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const imageOf = async () =>
      (await db.select({ image: users.image }).from(users).where(eq(users.id, user.id)))[0]?.image;

    for (const image of [
      "javascript:alert(document.cookie)",
      " javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:image/svg+xml,<svg onload=alert(1)>",
      "http://example.com/a.png",
      "//evil.example/a.png",
      "/\\evil.example/a.png",
      "vbscript:msgbox",
    ]) {
      const response = await authFetch("/update-user", { body: { image }, cookie });
      expect(response.status, image).toBe(400);
      expect(response.body, image).toMatchObject({ field: "image" });
      expect(await imageOf()).toBeNull();
    }

    for (const image of ["https://cdn.example.com/avatars/linus.png", "/avatars/linus.png"]) {
      const response = await authFetch("/update-user", { body: { image }, cookie });
      expect(response.status, image).toBe(200);
      expect(await imageOf()).toBe(image);
    }
  });

  it("refuses a javascript: image at sign-up, creating no account", async () => {
    const email = `img-${Date.now()}@example.com`;
    const response = await authFetch("/sign-up/email", {
      body: {
        name: "Ada",
        email,
        password: "A-long-enough-passphrase-42",
        image: "javascript:alert(1)",
      },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: "image" });
    expect(String(response.body?.message)).toContain("[body.image]");
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });
});

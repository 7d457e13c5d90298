// The permission wall of the operator console, generated from the file tree: every
// app/admin/**/page.tsx, every action exported by app/admin/**/actions.ts and every method of
// every route handler (app/admin/**/route.ts), called as each of
// {platform admin, workspace owner, member, anonymous}. Everyone but the platform admin gets
// Next.js's notFound() (a 404 that does not reveal the console), and a refused action changes
// nothing. A new page or action is covered without anyone adding it here; a new dynamic segment
// needs a sample value in SEGMENT_SAMPLES (the test says so).
import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { initialFormState } from "@/lib/auth/form-state";
import {
  actAs,
  formData,
  html,
  isNotFound,
  Redirect,
  wallPersonas,
} from "../support/admin-request";
import { createUser, createWorkspaceRow } from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const ADMIN_ROOT = path.join(process.cwd(), "app/admin");

function filesNamed(dir: string, name: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join("app/admin", file))
    .sort();
}

const PAGES = filesNamed(ADMIN_ROOT, "page.tsx");
const ACTION_FILES = filesNamed(ADMIN_ROOT, "actions.ts");
const ROUTE_FILES = filesNamed(ADMIN_ROOT, "route.ts");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const PERSONAS = ["workspace owner", "member", "anonymous", "platform admin"] as const;
type Persona = (typeof PERSONAS)[number];

let cookies: Record<Persona, string>;
/** The user every action names: not a persona, so acting on them never signs a persona out. */
let target: { id: string; email: string };
/** The workspace every workspace action names (on Free, no Stripe customer). */
let targetWorkspace: { id: string };
let SEGMENT_SAMPLES: Record<string, string>;

beforeAll(async () => {
  const setup = await wallPersonas();
  cookies = setup.personas;
  target = await createUser({ name: "Wall Target" });
  targetWorkspace = await createWorkspaceRow({ name: "Wall Target Workspace" });
  SEGMENT_SAMPLES = { userId: target.id, workspaceId: targetWorkspace.id };
});

/** The params of a page file's dynamic segments ([userId] → a real user id). */
function paramsOf(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of file.matchAll(/\[([^\]]+)\]/g)) {
    const name = match[1]!;
    const sample = SEGMENT_SAMPLES[name];
    if (!sample) throw new Error(`Add a sample value for [${name}] to SEGMENT_SAMPLES.`);
    params[name] = sample;
  }
  return params;
}

async function callPage(file: string) {
  const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.tsx$/, "")}`)) as {
    default: (props: unknown) => Promise<unknown>;
  };
  return mod.default({
    params: Promise.resolve(paramsOf(file)),
    searchParams: Promise.resolve({}),
  });
}

/** A form every action accepts as valid, so a missing wall would let it act. */
const actionForm = () =>
  formData({
    userId: target.id,
    sessionId: "ses_wall",
    jobId: "job_wall",
    eventId: "evt_wall",
    workspaceId: targetWorkspace.id,
    submissionId: "wall-submission-0001",
    reason: "Permission wall test",
    expiresInDays: "",
  });

const auditRows = async () => (await db.select({ n: count() }).from(auditLog))[0]!.n;

it("finds the console's pages and route handlers (the globs are not empty)", () => {
  expect(PAGES).toContain("app/admin/page.tsx");
  expect(ROUTE_FILES).toContain("app/admin/revenue/export/route.ts");
});

/** The URL path a route file answers (dynamic segments filled from SEGMENT_SAMPLES). */
function urlOf(file: string): string {
  const params = paramsOf(file);
  return file
    .replace(/^app/, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[([^\]]+)\]/g, (_, name: string) => params[name]!);
}

describe.each(PERSONAS)("as %s", (persona) => {
  const allowed = persona === "platform admin";

  it.each(PAGES)(`${allowed ? "renders" : "404s"} %s`, async (file) => {
    actAs(cookies[persona]);
    if (!allowed) {
      expect(await isNotFound(() => callPage(file))).toBe(true);
      return;
    }
    const markup = html(await callPage(file));
    expect(markup).toMatch(/<h1[\s>]/);
  });

  it(`${allowed ? "lets through" : "404s"} the console's layout`, async () => {
    actAs(cookies[persona]);
    const { default: Layout } = await import("@/app/admin/layout");
    if (!allowed) {
      expect(await isNotFound(() => Layout({ children: null }))).toBe(true);
      return;
    }
    expect(html(await Layout({ children: null }))).toContain("Problemboard admin");
  });

  for (const file of ROUTE_FILES) {
    it(`${allowed ? "answers" : "404s, changing nothing,"} every method of ${file}`, async () => {
      const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, "")}`)) as Record<
        string,
        unknown
      >;
      const methods = HTTP_METHODS.filter((method) => typeof mod[method] === "function");
      expect(methods.length).toBeGreaterThan(0);
      for (const method of methods) {
        const handler = mod[method] as (request: Request, context: unknown) => Promise<Response>;
        const call = () =>
          handler(new Request(`http://localhost${urlOf(file)}`, { method }), {
            params: Promise.resolve(paramsOf(file)),
          });
        actAs(cookies[persona]);
        const before = await auditRows();
        if (!allowed) {
          expect(await isNotFound(call), `${method} ${file} as ${persona}`).toBe(true);
          expect(await auditRows(), `${method} ${file} wrote to the audit trail`).toBe(before);
          continue;
        }
        const response = await call();
        if (method === "GET") expect(response.status, `${method} ${file}`).toBe(200);
        else expect(response.status, `${method} ${file}`).not.toBe(404);
      }
    });
  }

  for (const file of ACTION_FILES) {
    it(`${allowed ? "runs" : "404s, changing nothing,"} every action of ${file}`, async () => {
      const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, "")}`)) as Record<
        string,
        (state: unknown, form: FormData) => Promise<unknown>
      >;
      const actions = Object.entries(mod).filter(([, value]) => typeof value === "function");
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        actAs(cookies[persona]);
        const before = await auditRows();
        // Redirecting (impersonation lands in the app) is running too, not a refusal.
        const refused = await isNotFound(() =>
          action(initialFormState, actionForm()).catch((error: unknown) => {
            if (error instanceof Redirect) return null;
            throw error;
          }),
        );
        expect(refused, `${name} as ${persona}`).toBe(!allowed);
        if (!allowed) expect(await auditRows(), `${name} wrote to the audit trail`).toBe(before);
      }
    });
  }
});

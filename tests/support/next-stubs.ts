// Stand-ins for what Next.js gives a page or server action during a request, with no app
// imports (vi.mock factories load this, so it must not import a module that is being mocked):
// the headers carry the cookie of a real Better Auth session, notFound/redirect throw markers.
// Install in a test file with:
//   vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
//   vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
//   vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));
export const request = { cookie: "", ip: "203.0.113.9" };

export class NotFound extends Error {
  constructor() {
    super("notFound()");
  }
}
export class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect(${to})`);
  }
}

export const nextHeaders = {
  headers: () =>
    Promise.resolve(
      new Headers({
        cookie: request.cookie,
        "x-forwarded-for": request.ip,
        "user-agent": "admin-test",
      }),
    ),
  cookies: () =>
    Promise.resolve({
      set: () => undefined,
      get: () => undefined,
      delete: () => undefined,
      // Whether the request carries this cookie (the impersonation banner asks).
      has: (name: string) =>
        request.cookie.split(/;\s*/).some((pair) => pair.startsWith(`${name}=`)),
    }),
};
export const nextNavigation = {
  notFound: () => {
    throw new NotFound();
  },
  redirect: (to: string) => {
    throw new Redirect(to);
  },
  permanentRedirect: (to: string) => {
    throw new Redirect(to);
  },
};
export const nextCache = { revalidatePath: () => undefined, revalidateTag: () => undefined };

// GET|POST /api/auth/* – Better Auth (sign-in, sign-up, verification, sessions, workspaces)
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

export const { GET, POST } = toNextJsHandler(auth);

"use server";

import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { devToolsAllowed } from "@/lib/http/dev-tools";
import { DevToolsTestError } from "@/lib/observability/dev-errors";

// Throws on purpose after receiving a form with a password (dev tools only): the password must
// not reach the error report.
export async function throwFromAction(form: FormData): Promise<void> {
  if (!devToolsAllowed(await headers())) throw new AppError("not_found", "Not found.");
  void form.get("password");
  throw new DevToolsTestError("server action");
}

"use server";

import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { DevToolsTestError } from "@/lib/observability/dev-errors";

// Throws on purpose after receiving a form with a password (dev tools only): the password must
// not reach the error report.
export async function throwFromAction(form: FormData): Promise<void> {
  if (!env.devToolsEnabled) throw new AppError("not_found", "Not found.");
  void form.get("password");
  throw new DevToolsTestError("server action");
}

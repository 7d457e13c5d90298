// tsx scripts/seed-demo-billing.ts – the demo workspace on a Team trial through the local Stripe
// emulator (scripts/lib/seed-demo-billing.ts). Started by scripts/run.ts with the emulator's env.
import { closeDatabase } from "@/lib/db";
import { markSingleInstanceSaid } from "@/lib/redis/client";
import { seedDemoTrial } from "./lib/seed-demo-billing";

// The launcher's banner says where caches and limits live; this short-lived child need not.
markSingleInstanceSaid();

try {
  const outcome = await seedDemoTrial();
  if (outcome === "created") console.log("Demo workspace: Team trial started (Stripe emulator).");
} catch (error) {
  console.error("Demo billing failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}

import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes a new timestamped SQL migration (Supabase CLI naming) from the
// schema diff. Review it, then commit it; `npm run db:migrate` applies pending ones.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./supabase/migrations",
  migrations: { prefix: "supabase" },
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  strict: true,
});

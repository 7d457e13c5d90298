-- Seed for `supabase db reset`. Intentionally empty.
--
-- Demo data (the "Acme Inc" workspace, one user per role and a platform admin) is created by
-- `npm run db:seed` (lib/db/seed.ts): passwords must be hashed with Better Auth's password hashing,
-- which plain SQL cannot reproduce. Point DATABASE_URL at the database and run it after migrating.
select 1;

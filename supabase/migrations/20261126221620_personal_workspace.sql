-- Every new user gets a personal workspace, created in the same transaction as the user row, for
-- every way a user can be created (email sign-up, magic link, SSO, admin, seed). A trigger is the
-- one place that holds for all of them: if the workspace cannot be created, neither is the user.
CREATE OR REPLACE FUNCTION public.create_personal_workspace() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  workspace_id text := 'ws_' || replace(gen_random_uuid()::text, '-', '');
  base_slug text := left(
    coalesce(
      nullif(trim(both '-' from regexp_replace(lower(split_part(NEW.email, '@', 1)), '[^a-z0-9]+', '-', 'g')), ''),
      'workspace'
    ),
    40
  );
BEGIN
  INSERT INTO public.workspaces (id, name, slug, personal)
  VALUES (
    workspace_id,
    left(coalesce(nullif(trim(NEW.name), ''), split_part(NEW.email, '@', 1)), 80) || '''s workspace',
    base_slug || '-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8),
    true
  );
  INSERT INTO public.members (id, workspace_id, user_id, role)
  VALUES ('mem_' || replace(gen_random_uuid()::text, '-', ''), workspace_id, NEW.id, 'owner');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_create_personal_workspace
AFTER INSERT ON public.users
FOR EACH ROW EXECUTE FUNCTION public.create_personal_workspace();

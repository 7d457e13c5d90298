-- Personal workspace addresses read like the person's name: "Ada Lovelace" gets /w/ada-lovelace,
-- the next Ada Lovelace /w/ada-lovelace-2, and so on (past -9, a short random suffix instead).
-- The name falls back to the email's local part when it gives no usable address (too short,
-- reserved, or no Latin letters or digits), and then to "workspace". Before this, every address
-- was the email's local part plus 8 random hex characters ("newbie58965-9e11e3b1").
CREATE OR REPLACE FUNCTION public.workspace_slug_base(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  -- As slugify() in lib/workspaces/schemas.ts: accents dropped, anything else a hyphen, 40 at most.
  SELECT trim(both '-' from left(
    trim(both '-' from regexp_replace(
      regexp_replace(normalize(lower(coalesce(value, '')), NFKD), '[\u0300-\u036f]', '', 'g'),
      '[^a-z0-9]+', '-', 'g'
    )),
    40
  ));
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.usable_workspace_slug(slug text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  -- RESERVED_SLUGS in lib/workspaces/schemas.ts, and its 3-character minimum.
  SELECT length(slug) >= 3 AND slug NOT IN (
    'admin', 'api', 'app', 'auth', 'b', 'billing', 'dashboard', 'dev', 'docs', 'help', 'legal',
    'new', 'pricing', 'settings', 'sign-in', 'sign-up', 'support', 'w', 'www'
  );
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.create_personal_workspace() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  workspace_id text := 'ws_' || replace(gen_random_uuid()::text, '-', '');
  display_name text := coalesce(nullif(trim(NEW.name), ''), split_part(NEW.email, '@', 1));
  base_slug text := public.workspace_slug_base(display_name);
  candidate text;
  attempt integer := 1;
BEGIN
  IF NOT public.usable_workspace_slug(base_slug) THEN
    base_slug := public.workspace_slug_base(split_part(NEW.email, '@', 1));
  END IF;
  IF NOT public.usable_workspace_slug(base_slug) THEN
    base_slug := 'workspace';
  END IF;
  LOOP
    candidate := CASE
      WHEN attempt = 1 THEN base_slug
      WHEN attempt <= 9 THEN base_slug || '-' || attempt
      ELSE base_slug || '-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 6)
    END;
    BEGIN
      INSERT INTO public.workspaces (id, name, slug, personal)
      VALUES (workspace_id, left(display_name, 80) || '''s workspace', candidate, true);
      EXIT;
    EXCEPTION WHEN unique_violation THEN
      -- Taken (perhaps by a sign-up a moment ago): try the next number.
      attempt := attempt + 1;
      IF attempt > 20 THEN
        RAISE;
      END IF;
    END;
  END LOOP;
  INSERT INTO public.members (id, workspace_id, user_id, role)
  VALUES ('mem_' || replace(gen_random_uuid()::text, '-', ''), workspace_id, NEW.id, 'owner');
  RETURN NEW;
END;
$$;

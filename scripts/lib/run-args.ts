import { parseArgs } from "node:util";

/** What `npm run dev` / `npm start` (scripts/run.ts) were asked to do. */
export interface RunArgs {
  mode: "dev" | "start";
  /** From --port / -p, else PORT, else 3000. */
  port: string;
  /** From --hostname / -H; unset, every interface (as `next start`). */
  hostname: string | undefined;
  freshDatabase: boolean;
  seed: boolean;
  scale: boolean;
  databaseUrlFile: string | undefined;
}

export type ParsedRunArgs =
  | { kind: "run"; args: RunArgs }
  | { kind: "help"; text: string }
  | { kind: "error"; message: string };

export const RUN_USAGE = `Usage: npm run dev|start -- [options]
       tsx scripts/run.ts dev|start [options]

Runs Next.js (dev: development server, start: the production build) on the configured services,
or on the embedded defaults (PGlite database, local Stripe emulator, in-memory rate limits).

Options:
  -p, --port <n>               port to listen on (default: PORT, else 3000)
  -H, --hostname <host>        address to listen on (default: every interface)
      --fresh-database         start on a new, temporary database
      --no-seed                do not seed the demo data
      --scale                  also seed the scale data (lib/db/seed-scale.ts)
      --database-url-file <f>  write the database URL in use to <f> once it is ready
  -h, --help                   show this help`;

const OPTIONS = {
  port: { type: "string", short: "p" },
  hostname: { type: "string", short: "H" },
  "fresh-database": { type: "boolean" },
  "no-seed": { type: "boolean" },
  scale: { type: "boolean" },
  "database-url-file": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const SEE_HELP = "(see --help)";

/**
 * Parse the launcher's arguments without throwing: every mistake is one line naming the option
 * or value, for the caller to print with exit code 2.
 */
export function parseRunArgs(argv: string[], env: { PORT?: string } = {}): ParsedRunArgs {
  // Lenient parsing, then our own checks: Node's strict mode throws long messages with a stack.
  const { tokens } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    const option = (OPTIONS as Record<string, { type: "string" | "boolean" }>)[token.name];
    if (!option) return { kind: "error", message: `unknown option ${token.rawName} ${SEE_HELP}` };
    if (option.type === "string") {
      if (token.value === undefined || token.value === "") {
        return { kind: "error", message: `option ${token.rawName} needs a value ${SEE_HELP}` };
      }
      values[token.name] = token.value;
    } else {
      if (token.value !== undefined) {
        return { kind: "error", message: `option ${token.rawName} takes no value ${SEE_HELP}` };
      }
      values[token.name] = true;
    }
  }
  if (values.help) return { kind: "help", text: RUN_USAGE };

  const [mode, ...extra] = positionals;
  if (mode === undefined)
    return { kind: "error", message: `missing command: dev or start ${SEE_HELP}` };
  if (mode !== "dev" && mode !== "start") {
    return { kind: "error", message: `unknown command "${mode}": use dev or start ${SEE_HELP}` };
  }
  if (extra.length > 0) {
    return { kind: "error", message: `unexpected argument "${extra[0]}" ${SEE_HELP}` };
  }

  const fromOption = typeof values.port === "string";
  const port = fromOption ? (values.port as string) : (env.PORT ?? "3000");
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    const source = fromOption ? "--port" : "PORT";
    return {
      kind: "error",
      message: `${source} must be a port number from 1 to 65535, got "${port}" ${SEE_HELP}`,
    };
  }
  const hostname = typeof values.hostname === "string" ? values.hostname : undefined;
  if (hostname !== undefined && !/^[A-Za-z0-9.:[\]-]+$/.test(hostname)) {
    return {
      kind: "error",
      message: `--hostname must be a host name or address, got "${hostname}" ${SEE_HELP}`,
    };
  }

  return {
    kind: "run",
    args: {
      mode,
      port,
      hostname,
      freshDatabase: values["fresh-database"] === true,
      seed: values["no-seed"] !== true,
      scale: values.scale === true,
      databaseUrlFile:
        typeof values["database-url-file"] === "string" ? values["database-url-file"] : undefined,
    },
  };
}

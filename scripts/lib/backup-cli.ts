import nextEnv from "@next/env";

/**
 * Shared by the backup scripts: load .env files before lib/env.ts reads the environment, and turn
 * expected failures (a BackupError, a bad variable) into one clear line and exit code 1.
 */
export function loadEnvironment() {
  nextEnv.loadEnvConfig(process.cwd());
}

export async function runCli(main: () => Promise<void>) {
  try {
    await main();
  } catch (error) {
    const { BackupError } = await import("@/lib/backup/errors");
    if (error instanceof BackupError) {
      console.error(`Error (${error.code}): ${error.message}`);
    } else if (error instanceof Error && (error.name === "EnvError" || "code" in error)) {
      console.error(`Error: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

export function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

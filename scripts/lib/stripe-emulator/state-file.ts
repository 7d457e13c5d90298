// Optional persistence: `npm run dev` restarts keep Stripe state in step with the local database.
// Writes are debounced and atomic (temp file + rename), so a crash never leaves half a file.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { emptyState, STATE_VERSION, type EmulatorState } from "./state";

export function loadStateFile(file: string): EmulatorState | null {
  if (!existsSync(file)) return null;
  let parsed: Partial<EmulatorState>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<EmulatorState>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not read the Stripe emulator state file ${file}: ${reason}`);
  }
  if (parsed.version !== STATE_VERSION) {
    throw new Error(
      `${file} holds Stripe emulator state version ${String(parsed.version)}, expected ${STATE_VERSION}. Delete it to start over.`,
    );
  }
  // Tables added in later versions of this file start empty.
  return { ...emptyState(), ...parsed } as EmulatorState;
}

export class StateFileWriter {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly snapshot: () => EmulatorState,
    private readonly delayMs = 200,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, this.delayMs);
  }

  /** Writes now if a write is pending, and waits for any write in progress. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.write();
    }
    await this.writing;
  }

  private write(): Promise<void> {
    const text = JSON.stringify(this.snapshot());
    this.writing = this.writing.then(async () => {
      const temp = `${this.file}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        await writeFile(temp, text);
        await rename(temp, this.file);
      } catch (error) {
        console.warn(`[stripe-emulator] could not write ${this.file}:`, error);
      }
    });
    return this.writing;
  }
}

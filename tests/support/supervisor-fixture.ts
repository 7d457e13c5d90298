// The launcher's supervision (scripts/run.ts) without a database or Next.js: start the child as
// run.ts starts serve.mjs, pass signals on, exit with the child's code.
import { spawn } from "node:child_process";
import path from "node:path";
import { superviseChild } from "../../scripts/lib/supervise";

const child = spawn(process.execPath, [path.join(import.meta.dirname, "supervised-child.mjs")], {
  stdio: ["inherit", "inherit", "inherit", "ipc"],
});
console.log(`launcher ${process.pid}`);
const code = await superviseChild(child);
console.log(`launcher exits ${code}`);
process.exit(code);

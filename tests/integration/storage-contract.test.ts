// The storage contract: one suite, run against the Storage stand-in (always) and against a real
// Supabase project when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set. It drives the app's
// own storage module (the real supabase-js client) plus raw HTTP where a browser would.
// Under REQUIRE_SERVICES=1 (CI) the stand-in run is the one that counts: the real-project run
// needs credentials CI does not have, so without them it is skipped (with a warning), not failed.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import {
  createSignedUrl,
  ensureBuckets,
  getObject,
  listObjects,
  putObject,
  removeObjects,
} from "@/lib/storage/objects";
import { getSupabase } from "@/lib/storage/client";
import { startStorageHarness, pointStorageAt, type StorageHarness } from "../support/storage";

interface Target {
  name: string;
  setup(): Promise<{ url: string; key: string; expire(seconds: number): Promise<void> }>;
  teardown(): Promise<void>;
}

let harness: StorageHarness | undefined;
const standIn: Target = {
  name: "Storage stand-in",
  async setup() {
    harness = await startStorageHarness();
    const h = harness;
    return {
      url: h.standIn.url,
      key: h.standIn.serviceKey,
      expire: async (seconds) => h.advance(seconds * 1000 + 1000),
    };
  },
  teardown: async () => harness?.close(),
};

const realUrl = process.env.SUPABASE_URL;
const realKey = process.env.SUPABASE_SERVICE_ROLE_KEY;
const real: Target = {
  name: "real Supabase project",
  async setup() {
    pointStorageAt(realUrl!, realKey!);
    return {
      url: realUrl!,
      key: realKey!,
      expire: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 1500)),
    };
  },
  teardown: async () => {},
};

if (!realUrl || !realKey) {
  console.warn(
    "\n⚠ storage contract: SUPABASE_URL / SUPABASE_SERVICE_ROLE_KEY are not set, so the suite runs " +
      "against the Storage stand-in only. Set both to run it against a real project too.\n",
  );
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "no error";
}

function contract(target: Target) {
  const run = `contract-${randomBytes(6).toString("hex")}`;
  let url = "";
  let key = "";
  let expire: (seconds: number) => Promise<void>;

  beforeAll(async () => {
    ({ url, key, expire } = await target.setup());
    await ensureBuckets();
  });
  afterAll(async () => {
    const names = await listObjects("exports", run).catch(() => []);
    await removeObjects(
      "exports",
      names.map((n) => `${run}/${n.name}`),
    ).catch(() => {});
    await target.teardown();
  });

  it("creates the three buckets private, and a second ensure is a no-op", async () => {
    const supabase = await getSupabase();
    for (const bucket of ["attachments", "exports", "backups"]) {
      const { data, error } = await supabase.storage.getBucket(bucket);
      expect(error).toBeNull();
      expect(data?.public).toBe(false);
    }
    await expect(ensureBuckets()).resolves.toBeUndefined();
  });

  it("stores bytes and reads them back", async () => {
    const bytes = randomBytes(2048);
    await putObject("exports", `${run}/bytes.bin`, bytes, {
      contentType: "application/octet-stream",
    });
    const blob = await getObject("exports", `${run}/bytes.bin`);
    expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("uploads a stream as it is read and lists it with its size", async () => {
    const chunk = randomBytes(64 * 1024);
    let produced = 0;
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 48; i++) {
          produced += chunk.length;
          yield chunk;
        }
      })(),
    );
    await putObject("exports", `${run}/stream/big.bin`, stream, { contentType: "text/plain" });
    expect(produced).toBe(48 * 64 * 1024);
    const listed = await listObjects("exports", `${run}/stream`);
    expect(listed).toEqual([{ name: "big.bin", size: 48 * 64 * 1024 }]);
    const top = await listObjects("exports", run);
    expect(top.map((o) => o.name)).toContain("stream");
  });

  it("refuses to overwrite unless asked to", async () => {
    await putObject("exports", `${run}/once.txt`, Buffer.from("one"), {
      contentType: "text/plain",
    });
    expect(
      await errorOf(
        putObject("exports", `${run}/once.txt`, Buffer.from("two"), { contentType: "text/plain" }),
      ),
    ).toBe("conflict");
    await putObject("exports", `${run}/once.txt`, Buffer.from("three"), {
      contentType: "text/plain",
      upsert: true,
    });
    expect(await (await getObject("exports", `${run}/once.txt`)).text()).toBe("three");
  });

  it("serves a signed URL without credentials, and only for that object and only until it expires", async () => {
    await putObject("exports", `${run}/signed.txt`, Buffer.from("hello"), {
      contentType: "text/plain",
    });
    await putObject("exports", `${run}/other.txt`, Buffer.from("secret"), {
      contentType: "text/plain",
    });
    const signed = await createSignedUrl("exports", `${run}/signed.txt`, 2);
    const ok = await fetch(signed);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("hello");

    // The same token on another object's path, and a tampered token: refused.
    const swapped = signed.replace("signed.txt", "other.txt");
    expect((await fetch(swapped)).status).toBeGreaterThanOrEqual(400);
    const tampered = signed.replace(
      /token=([^&]+)/,
      (_, t: string) => `token=${t.slice(0, -3)}abc`,
    );
    expect((await fetch(tampered)).status).toBeGreaterThanOrEqual(400);

    // No credentials at all: the bucket is private.
    const direct = await fetch(`${url}/storage/v1/object/exports/${run}/other.txt`);
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(await direct.text()).not.toContain("secret");

    await expire(2);
    const late = await fetch(signed);
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(await late.text()).not.toBe("hello");
  });

  it("signs no URL for a missing object and reads none", async () => {
    expect(await errorOf(createSignedUrl("exports", `${run}/missing.txt`))).toBe("not_found");
    expect(await errorOf(getObject("exports", `${run}/missing.txt`))).toBe("not_found");
  });

  it("removes objects; removing a missing one is not an error", async () => {
    await putObject("exports", `${run}/gone.txt`, Buffer.from("x"), { contentType: "text/plain" });
    await removeObjects("exports", [`${run}/gone.txt`, `${run}/never-was.txt`]);
    expect(await errorOf(getObject("exports", `${run}/gone.txt`))).toBe("not_found");
  });

  it("refuses paths that could escape their folder, before any request", async () => {
    for (const bad of ["../x", `${run}/../x`, `${run}//x`, `${run}/a\\b`, ""]) {
      expect(
        await errorOf(putObject("exports", bad, Buffer.from("x"), { contentType: "text/plain" })),
      ).toBe("bad_request");
    }
  });

  it("refuses a wrong service key", async () => {
    const response = await fetch(`${url}/storage/v1/bucket/exports`, {
      headers: { authorization: `Bearer ${key}x`, apikey: `${key}x` },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
}

describe("storage contract: Storage stand-in", () => contract(standIn));

describe.skipIf(!realUrl || !realKey)("storage contract: real Supabase project", () =>
  contract(real),
);

import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  bodyLimitFor,
  MAX_BODY_BYTES,
  UPLOAD_BODY_BYTES,
  readBodyWithLimit,
  readFormWithLimit,
  readJsonWithLimit,
  readTextWithLimit,
} from "@/lib/http/body-limit";

const CHUNK = 64 * 1024;

/** A chunked body (no Content-Length) of `total` bytes, counting how many chunks were pulled. */
function streamed(total: number, headers: Record<string, string> = {}) {
  const state = { pulled: 0, cancelled: false };
  let left = total;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (left <= 0) return controller.close();
        const size = Math.min(CHUNK, left);
        left -= size;
        state.pulled += 1;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/api/x", {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
  return { request, state };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readBodyWithLimit", () => {
  it("stops reading a chunked body as soon as it passes the limit (413), keeping none of the rest", async () => {
    // 200 MB offered.
    const { request, state } = streamed(200 * 1024 * 1024);
    const error = await refusal(readBodyWithLimit(request));
    expect(error).toMatchObject({ code: "payload_too_large", status: 413 });
    expect(error.message).toBe("Request bodies are limited to 1 MB.");
    expect(state.pulled).toBe(MAX_BODY_BYTES / CHUNK + 1);
    expect(state.cancelled).toBe(true);
  });

  it("returns every byte of a body up to the limit", async () => {
    const { request } = streamed(MAX_BODY_BYTES);
    expect((await readBodyWithLimit(request)).byteLength).toBe(MAX_BODY_BYTES);
    const empty = new Request("http://localhost/api/x", { method: "POST" });
    expect((await readBodyWithLimit(empty)).byteLength).toBe(0);
  });

  it("applies a route's own smaller limit, named in the message", async () => {
    const error = await refusal(readTextWithLimit(streamed(600 * 1024).request, 512 * 1024));
    expect(error.message).toBe("Request bodies are limited to 512 KB.");
    expect(await readTextWithLimit(streamed(10).request, 512 * 1024)).toBe("a".repeat(10));
  });

  it("refuses a declared Content-Length over the limit without reading anything", async () => {
    const { request, state } = streamed(10, { "content-length": String(MAX_BODY_BYTES + 1) });
    await refusal(readBodyWithLimit(request));
    expect(state.pulled).toBe(0);
  });
});

describe("the JSON and form readers", () => {
  it("parse within the limit, answer null for what is not JSON or a form, and throw past it", async () => {
    const json = (body: string) =>
      readJsonWithLimit(new Request("http://localhost/x", { method: "PUT", body }));
    expect(await json('{"voted":true}')).toEqual({ voted: true });
    expect(await json("{nope")).toBeNull();
    await refusal(readJsonWithLimit(streamed(2 * 1024 * 1024).request));

    const form = await readFormWithLimit(
      new Request("http://localhost/x", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(form?.get("List-Unsubscribe")).toBe("One-Click");
    expect(
      await readFormWithLimit(new Request("http://localhost/x", { method: "POST", body: "x" })),
    ).toBeNull();
    await refusal(
      readFormWithLimit(
        streamed(2 * 1024 * 1024, { "content-type": "application/x-www-form-urlencoded" }).request,
      ),
    );
  });
});

describe("the upload exception", () => {
  const form = "multipart/form-data; boundary=x";
  it("allows 51 MB only for a multipart POST to a board page (the new-problem form)", () => {
    expect(UPLOAD_BODY_BYTES).toBe(51 * 1024 * 1024);
    expect(bodyLimitFor("POST", "/b/acme/feedback", form)).toBe(UPLOAD_BODY_BYTES);
    expect(bodyLimitFor("POST", "/b/acme/feedback/", form)).toBe(UPLOAD_BODY_BYTES);
  });

  it("keeps 1 MB everywhere else", () => {
    for (const [method, path, type] of [
      ["POST", "/b/acme/feedback", "application/x-www-form-urlencoded"],
      ["POST", "/b/acme/feedback/p/prb_1", form],
      ["POST", "/api/problems/prb_1/vote", form],
      ["PUT", "/b/acme/feedback", form],
      ["POST", "/sign-in", form],
      ["POST", "/b/acme", form],
    ] as const) {
      expect(bodyLimitFor(method, path, type)).toBe(MAX_BODY_BYTES);
    }
  });
});

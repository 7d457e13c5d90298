import { describe, expect, it } from "vitest";
import { excerpt } from "@/lib/problems/list-problems";

describe("problem excerpts", () => {
  it("keep words intact and drop markdown syntax", () => {
    expect(
      excerpt("# Title\n\nThe **e-mail** export uses `snake_case` [docs](https://x.dev)."),
    ).toBe("Title The e-mail export uses snake_case docs.");
    expect(excerpt("word ".repeat(100), 20)).toMatch(/…$/);
  });
});

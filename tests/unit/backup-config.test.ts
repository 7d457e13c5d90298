import { describe, expect, it } from "vitest";
import { compareStats } from "@/lib/backup/restore-backup";
import { parseEnv } from "@/lib/env";

describe("BACKUP_ENCRYPTION_KEY", () => {
  it("accepts an age secret key and names the variable when it is anything else", () => {
    const key = "AGE-SECRET-KEY-1LKE5A9WD3PDYJQZJ86N9XSANH43SX5L4CKM44T3LGGM2S6EAZUQQLU96QX";
    expect(parseEnv({ BACKUP_ENCRYPTION_KEY: key }).BACKUP_ENCRYPTION_KEY).toBe(key);
    expect(parseEnv({ BACKUP_ENCRYPTION_KEY: "" }).BACKUP_ENCRYPTION_KEY).toBeUndefined();
    for (const bad of [
      "hunter2",
      "age1x66gtv94fqyq5h72za76r0ltp4wrxxvxrtf2fvk6magfetynze7qhnt58t",
      key.slice(0, -1),
    ]) {
      expect(() => parseEnv({ BACKUP_ENCRYPTION_KEY: bad })).toThrow(
        /BACKUP_ENCRYPTION_KEY must be an age secret key .*--generate-key/,
      );
    }
  });

  it("defaults the backup directory to .data/backups", () => {
    expect(parseEnv({}).BACKUP_DIR).toBe(".data/backups");
  });
});

describe("restore verification", () => {
  const expected = [
    { name: "users", rows: 2, checksum: "10" },
    { name: "votes", rows: 5, checksum: "99" },
  ];

  it("finds nothing to report when every table matches", () => {
    expect(compareStats(expected, [...expected].reverse())).toEqual([]);
  });

  it("names each missing table, wrong count, wrong checksum and extra table", () => {
    expect(
      compareStats(expected, [
        { name: "users", rows: 2, checksum: "11" },
        { name: "stray", rows: 0, checksum: "0" },
      ]),
    ).toEqual(["users checksum differs", "table votes is missing", "unexpected table stray"]);
    expect(
      compareStats(expected, [expected[0]!, { name: "votes", rows: 4, checksum: "99" }]),
    ).toEqual(["votes has 4 rows, expected 5"]);
  });
});

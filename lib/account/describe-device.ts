/**
 * A session's browser and operating system in words ("Firefox on Windows"), from its stored
 * user-agent string, for the account page. Best effort: anything unrecognised reads "a browser"
 * / "an unknown system", never the raw string.
 */
export interface DeviceDescription {
  browser: string;
  os: string;
}

// Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", so the specific ones first.
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(HeadlessChrome)\//, "Chrome (headless)"],
  [/\b(Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

export function describeDevice(userAgent: string | null | undefined): DeviceDescription {
  const ua = userAgent ?? "";
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? "A browser";
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? "an unknown system";
  return { browser, os };
}

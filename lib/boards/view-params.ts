/**
 * The query parameters that change what a board page shows (app/b/[workspace]/[board]/
 * board-view.tsx reads exactly these). Anything else (`utm_source`, `fbclid`, `gclid`, `ref`, …)
 * leaves the page as it is, so a signed-out visitor who brings one still gets the cached
 * rendering (proxy.ts) instead of a live render per request.
 */
export const BOARD_VIEW_PARAMS = ["sort", "status", "q", "cursor", "deleted"] as const;

/** Whether a query string asks for something other than the board's default view. */
export function changesBoardView(search: URLSearchParams): boolean {
  return BOARD_VIEW_PARAMS.some((name) => search.getAll(name).some((value) => value !== ""));
}

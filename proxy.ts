// Signed-out visitors to a board's default view get the cached rendering
// (app/b/[workspace]/[board]/cached): one render serves everyone until the board changes.
// Anyone with a session cookie, or a query (sort, filter, search, page), gets the live page.
import { NextResponse, type NextRequest } from "next/server";

const BOARD = /^\/b\/([a-z0-9][a-z0-9_-]*)\/([a-z0-9][a-z0-9_-]*)\/?$/i;
const SESSION_COOKIES = ["pb.session_token", "__Secure-pb.session_token"];

export function proxy(request: NextRequest) {
  const match = BOARD.exec(request.nextUrl.pathname);
  if (
    match &&
    request.method === "GET" &&
    request.nextUrl.search === "" &&
    !SESSION_COOKIES.some((name) => request.cookies.has(name))
  ) {
    return NextResponse.rewrite(new URL(`/b/${match[1]}/${match[2]}/cached`, request.url));
  }
  return NextResponse.next();
}

export const config = { matcher: ["/b/:workspace/:board"] };

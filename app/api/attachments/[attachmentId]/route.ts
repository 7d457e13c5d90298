// GET /api/attachments/{attachmentId}[?size=thumb] – an attached image: a redirect to a signed URL
// (valid 60 s) for viewers who may see its problem; 404 for anyone else and for unknown ids.
import { z } from "zod";
import { getAttachmentUrl } from "@/lib/attachments/get-attachment-url";
import { readSession } from "@/lib/auth/read-session";
import { problemResponse } from "@/lib/http/problem";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  size: z.enum(["full", "thumb"], { error: "size must be full or thumb." }).default("full"),
});

export async function GET(
  request: Request,
  { params }: { params: Promise<{ attachmentId: string }> },
) {
  const { attachmentId } = await params;
  const url = new URL(request.url);
  try {
    const { size } = parseInput(querySchema, Object.fromEntries(url.searchParams));
    const user = (await readSession(request.headers))?.user;
    const viewer = user ? { userId: user.id, platformRole: user.role } : null;
    const signed = await getAttachmentUrl(viewer, attachmentId, size);
    // The redirect may be reused for a while, well inside the signed URL's minute; only by this
    // browser, since it was decided for this viewer.
    return new Response(null, {
      status: 302,
      headers: { location: signed, "cache-control": "private, max-age=30" },
    });
  } catch (error) {
    return problemResponse(error, url.pathname);
  }
}

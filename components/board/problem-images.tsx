import type { AttachmentSummary } from "@/lib/attachments/record-attachments";
import { THUMBNAIL_SIZE } from "@/lib/attachments/limits";

/** The thumbnail's size: the image fitted inside THUMBNAIL_SIZE² (never enlarged). */
function thumbSize(width: number, height: number) {
  const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * A problem's images, inline with their descriptions: thumbnails that open the full image. Both
 * load through /api/attachments/<id>, which checks the viewer and redirects to a signed URL.
 */
export function ProblemImages({ images }: { images: AttachmentSummary[] }) {
  if (images.length === 0) return null;
  return (
    <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Attached images">
      {images.map((image) => {
        const size = thumbSize(image.width, image.height);
        return (
          <li key={image.id}>
            <a
              href={`/api/attachments/${image.id}`}
              className="block overflow-hidden rounded-md border focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URLs behind a redirect; next/image would cache them */}
              <img
                src={`/api/attachments/${image.id}?size=thumb`}
                alt={image.alt}
                width={size.width}
                height={size.height}
                loading="lazy"
                className="h-auto w-full bg-muted object-contain"
              />
              <span className="sr-only"> (open full size)</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

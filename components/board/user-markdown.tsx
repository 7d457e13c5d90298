import { renderMarkdown } from "@/lib/content/markdown";
import { cn } from "@/lib/utils";

/**
 * Markdown written by users (problem and comment bodies, board guidelines), rendered by
 * `renderMarkdown` with `userContent`: raw HTML escaped, links `nofollow ugc noopener`.
 */
export function UserMarkdown({ source, className }: { source: string; className?: string }) {
  return (
    <div
      className={cn(
        "text-sm leading-6 wrap-anywhere [&_a]:font-medium [&_a]:text-primary [&_a]:underline [&_a]:underline-offset-4 [&_blockquote]:my-3 [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em] [&_h1]:mt-4 [&_h1]:text-base [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:text-base [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:font-semibold [&_hr]:my-4 [&_img]:max-w-full [&_img]:rounded-md [&_li]:my-0.5 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-3 [&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-muted [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_table]:my-3 [&_table]:w-full [&_td]:border-b [&_td]:px-2 [&_td]:py-1 [&_th]:border-b [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-5 [&>:first-child]:mt-0 [&>:last-child]:mb-0",
        className,
      )}
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source, { userContent: true }) }}
    />
  );
}

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PostProblemForm } from "./problem-forms";

/** The board's "Post a problem" card: the form, or why the viewer can't post here. */
export function PostProblemPanel({
  boardId,
  boardPath,
  signInNext,
  archived,
  signedIn,
  banned,
}: {
  boardId: string;
  boardPath: string;
  signInNext: string;
  archived: boolean;
  signedIn: boolean;
  banned: boolean;
}) {
  let content: React.ReactNode;
  if (archived) {
    content = (
      <p className="text-sm text-muted-foreground">This board is archived and read-only.</p>
    );
  } else if (!signedIn) {
    content = (
      <Button asChild className="w-full">
        <Link href={`/sign-in?next=${encodeURIComponent(signInNext)}`}>Sign in to post</Link>
      </Button>
    );
  } else if (banned) {
    content = (
      <p className="text-sm text-muted-foreground">
        You can no longer post on this workspace&apos;s boards.
      </p>
    );
  } else {
    content = <PostProblemForm boardId={boardId} returnTo={boardPath} />;
  }
  return (
    <aside id="post-problem" aria-labelledby="post-heading" className="lg:sticky lg:top-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2 id="post-heading">Post a problem</h2>
          </CardTitle>
          <CardDescription>What gets in your way? Others can vote and add details.</CardDescription>
        </CardHeader>
        <CardContent>{content}</CardContent>
      </Card>
    </aside>
  );
}

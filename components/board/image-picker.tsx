"use client";

import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { FormState } from "@/lib/auth/form-state";
import {
  ATTACHMENT_ACCEPT,
  MAX_ALT_LENGTH,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_POST,
} from "@/lib/attachments/limits";

const noSubscription = () => () => {};

interface Picked {
  file: File;
  preview: string;
}

/**
 * Images for the new-problem form. Without JavaScript it is a plain multiple-file input with one
 * description field (a line per image). With it, images can also be dropped on the field or
 * pasted into the form, each gets a preview, a remove button and its own description field; the
 * files still travel in the same `<input name="images">`, so the server sees one form either way.
 */
export function ImagePicker({ state }: { state: FormState }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // False in the server render and without JavaScript; true once hydrated.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [picked, setPicked] = useState<Picked[]>([]);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState("");
  const errors = state.fieldErrors?.images;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  function sync(files: File[]) {
    const input = inputRef.current;
    if (!input) return;
    const kept = files
      .filter((f) => f.type.startsWith("image/"))
      .slice(0, MAX_ATTACHMENTS_PER_POST);
    const transfer = new DataTransfer();
    for (const file of kept) transfer.items.add(file);
    input.files = transfer.files;
    setPicked((previous) => {
      for (const p of previous) URL.revokeObjectURL(p.preview);
      return kept.map((file) => ({ file, preview: URL.createObjectURL(file) }));
    });
    const dropped = files.length - kept.length;
    setNotice(
      dropped > 0
        ? `${kept.length} image${kept.length === 1 ? "" : "s"} attached; ${dropped} left out (images only, at most ${MAX_ATTACHMENTS_PER_POST}).`
        : `${kept.length} image${kept.length === 1 ? "" : "s"} attached.`,
    );
  }

  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    // Pasting a screenshot anywhere in the form attaches it; pasting text stays text.
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])].filter((f) =>
        f.type.startsWith("image/"),
      );
      if (files.length === 0) return;
      event.preventDefault();
      sync([...[...(inputRef.current?.files ?? [])], ...files]);
    };
    const onReset = () => setPicked([]);
    form.addEventListener("paste", onPaste);
    form.addEventListener("reset", onReset);
    return () => {
      form.removeEventListener("paste", onPaste);
      form.removeEventListener("reset", onReset);
    };
  }, []);

  const maxMb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`${id}-input`}>Images (optional)</Label>
      <div
        className={
          enhanced
            ? `rounded-md border border-dashed p-3 ${dragging ? "border-primary bg-muted" : "border-input"}`
            : undefined
        }
        onDragOver={(event) => {
          if (![...event.dataTransfer.types].includes("Files")) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          sync([...[...(inputRef.current?.files ?? [])], ...event.dataTransfer.files]);
        }}
      >
        <Input
          ref={inputRef}
          id={`${id}-input`}
          type="file"
          name="images"
          multiple
          accept={ATTACHMENT_ACCEPT}
          aria-invalid={errors ? true : undefined}
          aria-describedby={[errors ? errorId : null, hintId].filter(Boolean).join(" ")}
          onChange={(event) => sync([...(event.currentTarget.files ?? [])])}
          className="h-auto py-1.5"
        />
        <p id={hintId} className="mt-1.5 text-xs text-muted-foreground">
          PNG, JPEG, WebP or GIF, up to {MAX_ATTACHMENTS_PER_POST} images of {maxMb} MB each
          {enhanced ? "; drop them here or paste a screenshot" : ""}. Location and camera data are
          removed.
        </p>
      </div>
      <FieldError id={errorId} messages={errors} />
      <p className="sr-only" role="status" aria-live="polite">
        {notice}
      </p>
      {enhanced ? (
        picked.length > 0 ? (
          <ul className="grid gap-3" aria-label="Attached images">
            {picked.map(({ file, preview }, index) => (
              <li key={preview} className="flex items-start gap-3">
                {/* eslint-disable-next-line @next/next/no-img-element -- a local blob preview */}
                <img
                  src={preview}
                  alt=""
                  className="size-16 shrink-0 rounded border object-cover"
                />
                <div className="grid min-w-0 flex-1 gap-1">
                  <Label htmlFor={`${id}-alt-${index}`} className="truncate text-xs">
                    Describe image {index + 1} ({file.name})
                  </Label>
                  <Input
                    id={`${id}-alt-${index}`}
                    name="imageAlt"
                    maxLength={MAX_ALT_LENGTH}
                    placeholder="What does it show?"
                  />
                </div>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove ${file.name}`}
                  onClick={() => sync(picked.filter((_, i) => i !== index).map((p) => p.file))}
                >
                  <X aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        ) : null
      ) : (
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-alts`} className="text-xs">
            Describe the images, one line per image
          </Label>
          <Textarea id={`${id}-alts`} name="imageAlt" rows={2} />
        </div>
      )}
    </div>
  );
}

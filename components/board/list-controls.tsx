import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, type SelectOption } from "./form-fields";

const SORT_OPTIONS: SelectOption[] = [
  { value: "top", label: "Top" },
  { value: "new", label: "New" },
  { value: "trending", label: "Trending" },
];

interface ListControlsProps {
  action: string;
  sort: string;
  status: string;
  q: string;
  /** Active, all, then each status. */
  statusOptions: SelectOption[];
}

/** Sort, filter and search as a plain GET form: works without JavaScript, links are shareable. */
export function ListControls({ action, sort, status, q, statusOptions }: ListControlsProps) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label="Filter problems"
      className="grid gap-3 sm:grid-cols-[1fr_8rem_10rem_auto] sm:items-end"
    >
      <div className="grid gap-1.5">
        <Label htmlFor="q">Search</Label>
        <div className="relative">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input id="q" name="q" type="search" defaultValue={q} maxLength={200} className="pl-8" />
        </div>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="sort">Sort</Label>
        <NativeSelect id="sort" name="sort" options={SORT_OPTIONS} defaultValue={sort} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="status">Status</Label>
        <NativeSelect id="status" name="status" options={statusOptions} defaultValue={status} />
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}

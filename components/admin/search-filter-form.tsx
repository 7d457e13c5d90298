import Link from "next/link";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { isAppError } from "@/lib/errors";
import { cn } from "@/lib/utils";

/** One value of a query-string parameter (the first when it is repeated). */
export const firstParam = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;

const selectClass = "h-9 rounded-md border border-input bg-transparent px-2 text-sm";

export interface SearchFilter {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}

/**
 * A console list's search (GET, so the results have a shareable address): a search box named
 * `q`, a labelled select per filter, and a Search button. `idPrefix` keeps the field ids unique.
 */
export function SearchFilterForm({
  idPrefix,
  className,
  query,
  filters,
}: {
  idPrefix: string;
  /** The form's grid: the columns the box, the selects and the button take. */
  className: string;
  query: { label: string; value: string; className?: string };
  filters: SearchFilter[];
}) {
  return (
    <form role="search" method="get" className={cn("grid gap-3", className)}>
      <div className={cn("grid gap-1.5", query.className)}>
        <Label htmlFor={`${idPrefix}-q`}>{query.label}</Label>
        <Input
          id={`${idPrefix}-q`}
          name="q"
          type="search"
          defaultValue={query.value}
          autoComplete="off"
        />
      </div>
      {filters.map((filter) => (
        <div key={filter.name} className="grid gap-1.5">
          <Label htmlFor={`${idPrefix}-${filter.name}`}>{filter.label}</Label>
          <select
            id={`${idPrefix}-${filter.name}`}
            name={filter.name}
            defaultValue={filter.value}
            className={selectClass}
          >
            {filter.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <Button type="submit" size="sm" className="h-9">
        Search
      </Button>
    </form>
  );
}

/** A list's search, or the message of the bad input that stopped it (shown above the form). */
export async function searchOrError<T>(
  search: () => Promise<T>,
): Promise<{ result: T | null; error: string | null }> {
  try {
    return { result: await search(), error: null };
  } catch (thrown) {
    if (!isAppError(thrown)) throw thrown;
    return {
      result: null,
      error: Object.values(thrown.fieldErrors ?? {}).flat()[0] ?? thrown.message,
    };
  }
}

/** The search's error, if any. */
export function SearchError({ error }: { error: string | null }) {
  return error ? (
    <Alert variant="destructive">
      <AlertDescription>{error}</AlertDescription>
    </Alert>
  ) : null;
}

/** The link to the next page of results, if there is one. */
export function NextPageLink({ href }: { href: string | null }) {
  return href ? (
    <nav aria-label="Pages">
      <Link href={href} className="text-sm font-medium underline underline-offset-4">
        Next page
      </Link>
    </nav>
  ) : null;
}

import { cn } from "@/lib/utils";

export interface RoleOption {
  value: string;
  label: string;
}

interface RoleSelectProps extends React.ComponentProps<"select"> {
  roles: RoleOption[];
}

/** A native role picker styled like `Input`, so it works before (and without) JavaScript. */
export function RoleSelect({ roles, className, ...select }: RoleSelectProps) {
  return (
    <select
      className={cn(
        "h-9 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50",
        "aria-invalid:border-destructive disabled:opacity-50",
        className,
      )}
      {...select}
    >
      {roles.map((role) => (
        <option key={role.value} value={role.value}>
          {role.label}
        </option>
      ))}
    </select>
  );
}

/** Who is acting: a signed-in user (later also API keys and the system). */
export interface Principal {
  userId: string;
  /** Platform role from the admin plugin: "admin" for Problemboard operators. */
  platformRole?: string | null;
  /** The platform admin behind an impersonated session (recorded in the audit trail). */
  impersonatorId?: string | null;
}

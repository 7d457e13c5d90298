/** Every way a backup or restore refuses, with a message meant for the operator's terminal. */
export type BackupErrorCode =
  | "not_configured"
  | "unknown_backup"
  | "checksum_mismatch"
  | "wrong_key"
  | "corrupt"
  | "newer_schema"
  | "target_not_empty"
  | "live_database"
  | "verification_failed"
  | "restore_failed"
  | "store_unavailable"
  | "bad_arguments";

export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

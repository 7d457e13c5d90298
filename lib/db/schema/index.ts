export * from "./auth";
export * from "./email";
export * from "./boards";
export * from "./jobs";
export * from "./billing";
export * from "./audit";
export * from "./revenue";
export * from "./attachments";

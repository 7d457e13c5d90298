export * from "./auth";
export * from "./email";

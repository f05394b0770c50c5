// What an application without @types/pg and @types/ws declares so that
// @effect/sql-pg's and @effect/platform-node's declarations check with
// skipLibCheck false (installing @types/pg and @types/ws does the same).
declare module "pg"
declare module "ws"

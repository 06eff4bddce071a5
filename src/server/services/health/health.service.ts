// Whether the database answers, and how fast: /api/health.
export { checkDatabase } from "./check-database";

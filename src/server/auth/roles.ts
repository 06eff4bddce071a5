import type { UserRole } from "../db/schema/users";

/** Roles allowed into the support back-office. */
export const BACK_OFFICE_ROLES: readonly UserRole[] = ["support", "admin"];

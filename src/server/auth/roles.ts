import { USER_ROLES, type UserRole } from "../db/schema/users";

/** Roles allowed into the support back-office. */
export const BACK_OFFICE_ROLES: readonly UserRole[] = ["support", "admin"];

/** Every signed-in user, whatever the role. */
export const SIGNED_IN_ROLES: readonly UserRole[] = USER_ROLES;

/** Admins only: the notification channels. */
export const ADMIN_ROLES: readonly UserRole[] = ["admin"];

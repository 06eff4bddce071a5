// Accounts: create, disable, authenticate (throttled), their passwords and their sessions. The session layer
// (../../auth) uses them; they never use it.
export { createUser, CreateUserInput, type PublicUser } from "./create-user";
export { disableAccount, enableAccount, teamMemberIdByEmail, type AccountAccessChange } from "./account-access";
export { changeAccountRole, ChangeRoleBody, TEAM_ROLES } from "./change-account-role";
export { signOutAccountEverywhere } from "./sign-out-account";
export { inviteTeamMember, InviteTeamMemberBody } from "./invite-team-member";
export { listTeam, type TeamMemberDTO, type TeamMemberState } from "./list-team";
export { LAST_ADMIN_MESSAGE } from "./active-admins";
export {
  authenticateUser,
  LoginThrottledError,
  SecondFactorRequiredError,
  SecondFactorRejectedError,
  PasswordSignInDisabledError,
  SECOND_FACTOR_REQUIRED,
  type AuthenticatedUser,
} from "./authenticate-user";
export {
  twoFactorStatus,
  startTwoFactorEnrolment,
  confirmTwoFactorEnrolment,
  regenerateRecoveryCodes,
  disableTwoFactor,
  resetMemberTwoFactor,
  TwoFactorCodeBody,
  type TwoFactorStatus,
} from "./two-factor";
export { reencryptTotpSecrets } from "./reencrypt-totp-secrets";
export { hashPassword, verifyPassword, passwordWeakness, PASSWORD_MIN_LENGTH } from "./password";
export {
  openUserSession,
  loadSessionAccount,
  revokeUserSession,
  revokeAllUserSessions,
  type SessionAccount,
} from "./user-sessions";
export { loadViewer } from "./load-viewer";
export { listSupportAgents, findActiveBackOfficeUser } from "./list-support-agents";
export {
  inviteAccount,
  inviteHostByExternalId,
  inspectInvitation,
  acceptInvitation,
  renewInvitation,
  AcceptInvitationInput,
  InspectInvitationBody,
  INVITATION_STATE_MESSAGES,
  type InvitationState,
  type SentInvitation,
} from "./account-invitations";
export { chosenPasswordWeakness, CHOSEN_PASSWORD_MIN_LENGTH } from "./password";
export { lockUser, userNameOf } from "./find-users";
export { hostsMatchingJson, HOST_UPSERT_CTES } from "./host-upsert-sql";
export {
  requestPasswordReset,
  inspectPasswordReset,
  completePasswordReset,
  PasswordResetRequestBody,
  PasswordResetTokenBody,
  CompletePasswordResetInput,
  PASSWORD_RESET_STATE_MESSAGES,
  type PasswordResetState,
} from "./password-reset";
export { admitCompanyIdentity, type Admission, type CompanyIdentity } from "./admit-company-identity";
export { setAccountLocale, AccountLocaleBody } from "./account-locale";
